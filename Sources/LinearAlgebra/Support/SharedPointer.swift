/// A pointer that worker threads write through at disjoint offsets (or only read from) while
/// the code that lent it keeps the memory alive — the package's one `@unchecked Sendable`
/// pointer wrapper, used by every parallel loop of LinearAlgebra and PanoramaKit.
///
/// It never leaves the package (`package` access) and never outlives the
/// `withUnsafe…Pointer { }` closure it was made in: the caller guarantees that no two workers
/// touch the same element and that nothing reads an element while another worker writes it.
///
/// ```
/// values.withUnsafeMutableBufferPointer { buffer in
///     let out = SharedPointer(buffer.baseAddress!)
///     DispatchQueue.concurrentPerform(iterations: 4) { k in out[k] = Double(k) }
/// }
/// ```
package struct SharedPointer<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>

    package init(_ base: UnsafeMutablePointer<T>) { self.base = base }

    /// For read-only sharing (workers only read through it).
    package init(readOnly base: UnsafePointer<T>) { self.base = UnsafeMutablePointer(mutating: base) }

    package subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    package static func + (p: SharedPointer, offset: Int) -> UnsafeMutablePointer<T> { p.base + offset }
}
