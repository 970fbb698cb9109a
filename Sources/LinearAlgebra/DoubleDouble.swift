/// A number held as an unevaluated sum `hi + lo` of two doubles (about 32 significant digits).
///
/// Used where a result must be accurate beyond double precision: residuals of iterative
/// refinement, Gram matrices of ill-conditioned designs, powers of a predictor. Error-free
/// transformations after Dekker (1971) and Knuth's TwoSum; products use fused multiply-add.
/// `DoubleDouble(0.1) + DoubleDouble(0.2)` keeps the rounding error of each in `lo`.
public struct DoubleDouble: Sendable, Equatable {
    public var hi: Double
    public var lo: Double

    @inlinable public init(_ x: Double) { hi = x; lo = 0 }
    @inlinable public init(hi: Double, lo: Double) { self.hi = hi; self.lo = lo }

    public static let zero = DoubleDouble(0)

    /// The nearest double.
    @inlinable public var value: Double { hi + lo }

    /// `a + b` exactly, as a normalised pair (Knuth's TwoSum).
    @inlinable public static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return DoubleDouble(hi: s, lo: e)
    }

    /// `a × b` exactly (one fused multiply-add).
    @inlinable public static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(hi: p, lo: fmaError(a, b, p))
    }

    @inlinable static func fmaError(_ a: Double, _ b: Double, _ p: Double) -> Double {
        // fma(a, b, -p): the exact rounding error of a × b.
        (-p).addingProduct(a, b)
    }

    @inlinable static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    @inlinable public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        let u = quickTwoSum(s.hi, s.lo + t.hi)
        return quickTwoSum(u.hi, u.lo + t.lo)
    }

    @inlinable public static func + (a: DoubleDouble, b: Double) -> DoubleDouble {
        let s = twoSum(a.hi, b)
        return quickTwoSum(s.hi, s.lo + a.lo)
    }

    @inlinable public static prefix func - (a: DoubleDouble) -> DoubleDouble {
        DoubleDouble(hi: -a.hi, lo: -a.lo)
    }

    @inlinable public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }
    @inlinable public static func - (a: DoubleDouble, b: Double) -> DoubleDouble { a + (-b) }

    @inlinable public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = a.hi * b.hi
        var e = fmaError(a.hi, b.hi, p)
        e += a.hi * b.lo + a.lo * b.hi
        return quickTwoSum(p, e)
    }

    @inlinable public static func * (a: DoubleDouble, b: Double) -> DoubleDouble {
        let p = a.hi * b
        let e = fmaError(a.hi, b, p) + a.lo * b
        return quickTwoSum(p, e)
    }

    @inlinable public static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        // Long division: q1 from the leading parts, then two correction steps.
        let q1 = a.hi / b.hi
        var r = a - b * q1
        let q2 = r.hi / b.hi
        r = r - b * q2
        let q3 = r.hi / b.hi
        return quickTwoSum(q1, q2) + q3
    }

    @inlinable public static func / (a: DoubleDouble, b: Double) -> DoubleDouble {
        a / DoubleDouble(b)
    }

    @inlinable public static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
    @inlinable public static func -= (a: inout DoubleDouble, b: DoubleDouble) { a = a - b }

    /// `self + x × y` with the product formed exactly.
    @inlinable public func addingProduct(_ x: Double, _ y: Double) -> DoubleDouble {
        self + DoubleDouble.twoProduct(x, y)
    }

    /// The square root (one Newton step on the double root: Karp & Markstein).
    public var squareRoot: DoubleDouble {
        guard hi > 0 else { return DoubleDouble(hi.squareRoot()) }
        let x = 1 / hi.squareRoot()
        let ax = hi * x
        let diff = self - DoubleDouble.twoProduct(ax, ax)
        return DoubleDouble.twoSum(ax, diff.hi * (x * 0.5))
    }

    /// `base^k` for a whole exponent, by repeated squaring in double-double.
    public static func power(_ base: Double, _ k: Int) -> DoubleDouble {
        var result = DoubleDouble(1)
        var b = DoubleDouble(base)
        var e = abs(k)
        while e > 0 {
            if e & 1 == 1 { result = result * b }
            b = b * b
            e >>= 1
        }
        return k < 0 ? DoubleDouble(1) / result : result
    }

    @inlinable public var magnitude: Double { abs(hi) }
}
