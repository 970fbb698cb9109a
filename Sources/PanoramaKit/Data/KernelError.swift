/// An error the kernel raises for a person to read: one lowercase line, no type names.
///
/// Each area keeps its own error type (CSV, regression, simulation…) conforming to this, so the
/// shell's one renderer can print any of them.
public protocol UserFacingError: Error {
    /// One line, lowercase, quoting what the user gave: `no column named 'cots'`.
    var message: String { get }
}

/// A plain kernel error with a message.
public struct KernelError: UserFacingError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
