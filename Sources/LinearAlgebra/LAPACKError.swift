/// A LAPACK routine returned a non-zero `info`.
///
/// A negative `info` means argument −info was illegal (a bug here: shapes are validated before
/// every call); a positive one is a numerical verdict whose meaning depends on the routine
/// (e.g. `dpotrf`: the leading minor of that order is not positive definite).
public struct LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The routine's name, lowercase: `dpotrf`.
    public let routine: String
    public let info: Int

    public init(routine: String, info: Int) {
        self.routine = routine
        self.info = info
    }

    public var description: String {
        if info < 0 { return "\(routine): argument \(-info) had an illegal value" }
        switch routine {
        case "dpotrf", "dpotri":
            return "\(routine): the matrix is not positive definite (leading minor of order \(info))"
        case "dtrtrs", "dtrtri":
            return "\(routine): the triangular matrix is singular (zero diagonal element \(info))"
        case "dgesdd":
            return "\(routine): the singular value decomposition did not converge"
        default:
            return "\(routine): failed with info \(info)"
        }
    }
}

/// Throws a `LAPACKError` unless `info` is zero.
@inline(__always)
func check(_ routine: String, _ info: Int32) throws(LAPACKError) {
    if info != 0 { throw LAPACKError(routine: routine, info: Int(info)) }
}

/// A shape problem caught before calling LAPACK (which would print to stderr otherwise).
public struct ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
