import LinearAlgebra

// Linear-algebra failures reach the user through the one error renderer: a LAPACK verdict
// (`dpotrf: the matrix is not positive definite …`) or a shape problem, as one line.
extension LAPACKError: UserFacingError {
    public var message: String { description }
}

extension ShapeError: UserFacingError {}
