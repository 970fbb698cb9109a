import Foundation
import PanoramaKit

/// Every error a user can see, as data. `ErrorRenderer` is the one function that prints them.
public enum PanoramaError: Error, Sendable {
    /// The text does not parse: `unexpected ')'`, with a caret under the token.
    case syntax(String, at: SourceRange)
    /// A name that is neither a variable, a builtin nor (inside a frame call) a column.
    case unknownName(String, suggestion: String?, at: SourceRange?)
    /// A frame has no such column.
    case unknownColumn(String, suggestion: String?, at: SourceRange?)
    /// A builtin called wrongly: the message and the builtin's usage line.
    case badCall(builtin: String, message: String, usage: String, at: SourceRange?)
    /// A value of the wrong kind: `cannot add string and number`.
    case type(String, at: SourceRange?)
    /// Anything else that stopped the statement: bad data, a failed fit, a file not found.
    case failed(String, at: SourceRange?)
    /// Ctrl-C stopped the statement.
    case interrupted
    /// The command line asked for something panorama does not take: `unknown option '--nmae'`
    /// (exit status 64).
    case usage(String)
    /// `break`, `next` or `return(v)` leaving a loop or function (an error only when nothing
    /// catches it).
    case jump(Jump, at: SourceRange)

    public enum Jump: Sendable {
        case `break`, next
        case `return`(Value)

        var word: String {
            switch self {
            case .break: "break"
            case .next: "next"
            case .return: "return"
            }
        }
    }

    /// Whether Ctrl-C stopped the statement (not an error in the user's code).
    public var isInterruption: Bool {
        if case .interrupted = self { return true }
        return false
    }

    /// The same error placed at `range` when it had no place yet.
    public func placed(at range: SourceRange?) -> PanoramaError {
        guard let range else { return self }
        switch self {
        case .unknownName(let n, let s, nil): return .unknownName(n, suggestion: s, at: range)
        case .unknownColumn(let n, let s, nil): return .unknownColumn(n, suggestion: s, at: range)
        case .badCall(let b, let m, let u, nil): return .badCall(builtin: b, message: m, usage: u, at: range)
        case .type(let m, nil): return .type(m, at: range)
        case .failed(let m, nil): return .failed(m, at: range)
        default: return self
        }
    }

    public var range: SourceRange? {
        switch self {
        case .syntax(_, let r): r
        case .unknownName(_, _, let r), .unknownColumn(_, _, let r): r
        case .badCall(_, _, _, let r), .type(_, let r), .failed(_, let r): r
        case .interrupted, .usage: nil
        case .jump(_, let r): r
        }
    }

    /// The one-line message without location: `no column named 'cots'. Did you mean 'cost'?`
    public var message: String {
        switch self {
        case .syntax(let m, _): return m
        case .unknownName(let n, let s, _):
            // A word from R, pandas, SQL… gets panorama's spelling rather than a near name (`lm` is not `glm`).
            if let advice = Synonym.advice(for: n) { return "no variable or function named '\(n)'; \(advice)" }
            return "no variable or function named '\(n)'" + (s.map { ". Did you mean '\($0)'?" } ?? "")
        case .unknownColumn(let n, let s, _):
            return "no column named '\(n)'" + (s.map { ". Did you mean '\($0)'?" } ?? "")
        case .badCall(_, let m, _, _): return m
        case .type(let m, _), .failed(let m, _): return m
        case .interrupted: return "interrupted"
        case .usage(let m): return m
        case .jump(.return, _): return "'return' is only meaningful inside a function"
        case .jump(let j, _): return "'\(j.word)' is only meaningful inside a loop"
        }
    }

    /// The exit status of a command that stopped with this error: 130 after Ctrl-C, 64 for a
    /// wrong command line, 1 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .interrupted: 130
        case .usage: 64
        default: 1
        }
    }

    /// Wraps any error thrown below the language as a `PanoramaError` — the one place where the
    /// kernel's errors are translated: its cancellation (`Cancelled`, and Swift's own
    /// `CancellationError`) becomes `interrupted`, its `UserFacingError`s keep their message,
    /// and a Foundation I/O error says what failed in words. No Swift type name reaches the user.
    public static func wrap(_ error: any Error, at range: SourceRange? = nil) -> PanoramaError {
        switch error {
        case let e as PanoramaError: return e.placed(at: range)
        case is Cancelled, is CancellationError: return .interrupted
        case let e as UserFacingError: return .failed(e.message, at: range)
        default: return .failed(systemMessage(error), at: range)
        }
    }

    /// A Foundation or system error in words: `'out.csv': permission denied`.
    static func systemMessage(_ error: any Error) -> String {
        let ns = error as NSError
        var posix: Int32?
        if ns.domain == NSPOSIXErrorDomain { posix = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            posix = Int32(underlying.code)
        }
        let reason = posix.map { String(cString: strerror($0)).lowercased() } ?? "the operation failed (code \(ns.code))"
        if let path = ns.userInfo[NSFilePathErrorKey] as? String { return "'\(path)': " + reason }
        return reason
    }
}
