/// Why a regression could not be built or fitted: one lowercase line for the user.
public struct RegressionError: UserFacingError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
