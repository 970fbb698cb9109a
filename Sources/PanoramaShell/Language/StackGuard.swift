import Foundation

/// How much stack user-function calls have used, so that deep recursion stops with an error
/// before the process runs out of stack. The call-depth limit alone is not enough: a body that
/// calls `map` or `group_map` uses many Swift frames per level (a debug build overflowed 8 MB at
/// about 140 levels).
struct StackGuard {
    /// Half of the stack limit (at most 8 MB): the budget from the outermost call.
    static let budget: UInt = {
        var limit = rlimit()
        let size = getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 ? UInt(truncatingIfNeeded: limit.rlim_cur) : 8 << 20
        return min(size, 8 << 20) / 2
    }()

    /// The stack address at the outermost call under way.
    private var base: UInt = 0
    /// `StackGuard.budget`, read once (a static is reached through a once-check on every read).
    private let budget = StackGuard.budget

    /// Called on entering a function at `depth` (0: the outermost); true when the budget is spent.
    mutating func isExhausted(depth: Int) -> Bool {
        let here = StackGuard.address()
        if depth == 0 { base = here; return false }
        return base > here && base - here > budget
    }

    @inline(never)
    static func address() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
