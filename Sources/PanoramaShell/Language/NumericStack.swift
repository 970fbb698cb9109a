/// The parameters and locals of the calls under way of functions whose bodies are unboxed
/// (`Interpreter.numericCall`): one block of plain numbers per call, on memory kept allocated
/// between calls. `frame` points at the innermost call's block, so a body reads its slot `k` as
/// `frame[k]`, without an array's uniqueness and bounds checks. The memory grows (moving the
/// blocks) only when a call reserves its block; each call finds its block again by its start,
/// and the caller's `frame` is set again from its start when the call returns.
/// Owned by one interpreter, which frees it (`deallocate`).
struct NumericStack {
    private(set) var storage: UnsafeMutablePointer<Double>
    private var capacity: Int
    /// Where the next call's block begins.
    private(set) var top = 0
    /// Where the innermost call's block begins, and that block.
    private(set) var base = 0
    private(set) var frame: UnsafeMutablePointer<Double>

    init(capacity: Int = 1024) {
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: .nan, count: capacity)
        self.capacity = capacity
        frame = storage
    }

    /// Reserves `count` slots above the blocks under way; returns where they begin. The
    /// innermost call is still the caller's until `enter`.
    @inline(__always)
    mutating func reserve(_ count: Int) -> Int {
        let start = top
        if start + count > capacity { grow(to: start + count) }
        top = start + count
        return start
    }

    /// Makes the block at `start` the innermost call's; returns the caller's start.
    @inline(__always)
    mutating func enter(_ start: Int) -> Int {
        let caller = base
        base = start
        frame = storage + start
        return caller
    }

    /// Ends the call whose block is at `start` (reserved, entered or not): `caller`'s block is
    /// the innermost again.
    @inline(__always)
    mutating func leave(_ start: Int, to caller: Int) {
        base = caller
        frame = storage + caller
        top = start
    }

    private mutating func grow(to needed: Int) {
        let size = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<Double>.allocate(capacity: size)
        bigger.initialize(repeating: .nan, count: size)
        bigger.update(from: storage, count: top)
        storage.deallocate()
        storage = bigger
        capacity = size
        frame = storage + base
    }

    func deallocate() { storage.deallocate() }
}
