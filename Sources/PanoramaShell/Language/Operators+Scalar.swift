import Foundation

/// Two plain numbers: the operators without building one-element vectors, so that a loop of
/// scalar arithmetic does not allocate. Same results as the vectorised path (`na` when the
/// result is not a number, comparisons with `na` are `na`).
extension Operators {
    @inline(__always)
    static func scalar(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value? {
        let r: Double
        switch op {
        case .add: r = x + y
        case .subtract: r = x - y
        case .multiply: r = x * y
        case .divide: r = x / y
        case .power: r = pow(x, y)
        case .remainder: r = remainder(x, y)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if x.isNaN || y.isNaN { return .na }
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            default: return .bool(x >= y)
            }
        default: return nil
        }
        return r.isNaN ? .na : .number(r)
    }

    /// `x % y` with the sign of `y`, as R's `%%` (`-7 % 3` is 2).
    @inline(__always)
    static func remainder(_ x: Double, _ y: Double) -> Double {
        let m = x.truncatingRemainder(dividingBy: y)
        return m != 0 && (m < 0) != (y < 0) ? m + y : m
    }
}
