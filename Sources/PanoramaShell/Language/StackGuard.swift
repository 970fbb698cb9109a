import Foundation

/// Whether the thread's stack has room for one more user-function call, so that deep recursion
/// stops with an error before the process runs out of stack.
///
/// The bounds are the running thread's own (`pthread_getattr_np`: the main thread's region sized
/// by `RLIMIT_STACK`, a pool thread's few megabytes, `LargeStack`'s 256 MB), read at an outermost
/// call and kept while calls start on the same thread. A call may go on while more than `margin`
/// bytes are left: what one level can use between two checks when its body calls a builtin that
/// works deep in Swift (`map`, `group_map`, `ols`, a table rendered by `print`). The call-depth
/// limit alone is not enough: a general body takes kilobytes of stack per level, an unboxed one
/// about a hundred bytes, and a body calling `map` more than either.
struct StackGuard {
    /// Bytes kept free below the deepest call: 1 MB (an eighth of a stack smaller than 8 MB).
    static let margin: UInt = 1 << 20

    /// The lowest address a call may start at; 0 until an outermost call has read the bounds.
    private var limit: UInt = 0
    /// The bounds of the stack `limit` was computed for, and its thread.
    private var low: UInt = 0
    private var high: UInt = 0
    private var thread: pthread_t = pthread_t()

    /// Called on entering a function at `depth` (0: the outermost); true when the stack is too
    /// near its end for another level. At depth 0 the bounds are read again when the thread
    /// changed (a `Session` may run on several threads over its life).
    @inline(__always)
    mutating func isExhausted(depth: Int) -> Bool {
        let here = StackGuard.address()
        if depth == 0, !(low < here && here <= high && pthread_equal(thread, pthread_self()) != 0) { measure(at: here) }
        return here < limit
    }

    /// Reads the current thread's stack bounds and sets `limit` from them.
    private mutating func measure(at here: UInt) {
        thread = pthread_self()
        guard let (start, size) = StackGuard.bounds() else {
            // Bounds unknown: assume the common 8 MB below this call.
            (low, high) = (here > 8 << 20 ? here - (8 << 20) : 0, here)
            limit = low + StackGuard.margin
            return
        }
        (low, high) = (start, start + size)
        limit = start + min(StackGuard.margin, size / 8)
    }

    /// The current thread's stack: its lowest address and its size in bytes.
    static func bounds() -> (start: UInt, size: UInt)? {
        var attributes = pthread_attr_t()
        guard let getAttributes = getAttributes, getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var start: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &start, &size) == 0, let start, size > 0 else { return nil }
        return (UInt(bitPattern: start), UInt(size))
    }

    /// glibc's `pthread_getattr_np` (a GNU extension the Glibc module leaves out), looked up at
    /// run time; nil where it is absent.
    private static let getAttributes: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32)? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np").map {
            unsafeBitCast($0, to: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32).self)
        }

    /// An address in the caller's frame.
    @inline(__always)
    static func address() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
