import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory the process may still take, checked before each big allocation so that a
/// request too large (`simulate(…, trials=1e9)`, a zip bomb, a join that multiplies rows) is
/// refused with a one-line error saying what it would take, instead of the process being killed.
///
/// The core is pure: the limits are values, so tests inject a small budget with
/// `MemoryBudget.$injected.withValue(…)`. `MemoryBudget.current` reads the system's values
/// (`/proc/meminfo` MemAvailable, `getrlimit(RLIMIT_AS)`, `/proc/self/statm`) when none is injected.
public struct MemoryBudget: Sendable, Equatable {
    /// Physical memory the system can still give (bytes).
    public var available: Int
    /// The address-space limit (RLIMIT_AS), nil when unlimited.
    public var addressLimit: Int?
    /// Address space the process already holds (bytes).
    public var held: Int
    /// The share of the remaining memory one request may take: the rest is headroom for the
    /// copies and temporaries that come with it.
    public static let share = 0.75

    public init(available: Int, addressLimit: Int? = nil, held: Int = 0) {
        self.available = available
        self.addressLimit = addressLimit
        self.held = held
    }

    /// A budget injected for the current task (tests); nil: the system's.
    @TaskLocal public static var injected: MemoryBudget?

    /// The budget in force: the injected one, or the system's.
    public static var current: MemoryBudget { injected ?? system() }

    /// Bytes one request may take.
    public var limit: Int {
        var room = available
        if let a = addressLimit { room = min(room, a - held) }
        return max(0, Int(Double(max(0, room)) * MemoryBudget.share))
    }

    /// Throws when `bytes` exceed the limit.
    /// - Parameters:
    ///   - what: what would be allocated, for the message (`1,000,000,000 trials`).
    ///   - hint: how to make it smaller (`use fewer trials`).
    public func check(_ bytes: Int, for what: String, hint: String) throws {
        guard bytes > limit else { return }
        throw KernelError("\(what) would take \(MemoryBudget.text(bytes)) of memory but about "
                          + "\(MemoryBudget.text(limit)) is available; \(hint)")
    }

    /// `count × size` bytes, saturating instead of overflowing (a count from data can be anything).
    public static func bytes(_ count: Int, _ size: Int) -> Int {
        let (product, overflow) = max(0, count).multipliedReportingOverflow(by: max(0, size))
        return overflow ? Int.max : product
    }

    /// `count` as a real number: `Int.max` when it is beyond what an Int holds (or nan).
    public static func count(_ x: Double) -> Int {
        if x.isNaN || x >= 9.0e18 { return Int.max }
        return x <= 0 ? 0 : Int(x.rounded(.up))
    }

    /// `8.0 GB`, `512 MB`, `12 KB`.
    static func text(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")]
        let b = Double(bytes)
        for (scale, unit) in units where b >= scale {
            let v = b / scale
            return (v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)) + " " + unit
        }
        return "\(bytes) bytes"
    }

    /// The system's values; generous defaults where a value cannot be read.
    public static func system() -> MemoryBudget {
        var available = Int.max / 2
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            available = kb.multipliedReportingOverflow(by: 1024).partialValue
        }
        var limit = rlimit()
        var addressLimit: Int?
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_AS.rawValue)
        #else
        let resource = RLIMIT_AS
        #endif
        if getrlimit(resource, &limit) == 0,
           limit.rlim_cur < UInt64(Int.max) {
            addressLimit = Int(limit.rlim_cur)
        }
        var held = 0
        if addressLimit != nil, let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
           let pages = statm.split(separator: " ").first.flatMap({ Int($0) }) {
            held = pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
        return MemoryBudget(available: available, addressLimit: addressLimit, held: held)
    }
}
