import Foundation
import ZeroMQ

/// One Jupyter message as it travels over ZeroMQ (messaging protocol 5.3, "the wire protocol"):
///
///     [identities…, "<IDS|MSG>", HMAC, header, parent_header, metadata, content, buffers…]
///
/// The HMAC is HMAC-SHA256 in hex over the four JSON frames; with an empty key it is empty.
public struct WireMessage {
    public static let delimiter = Array("<IDS|MSG>".utf8)

    /// ROUTER routing frames: where the reply goes.
    public var identities: [[UInt8]]
    public var header: [String: Any]
    public var parentHeader: [String: Any]
    public var metadata: [String: Any]
    public var content: [String: Any]
    public var buffers: [[UInt8]]

    public init(identities: [[UInt8]] = [], header: [String: Any], parentHeader: [String: Any] = [:],
                metadata: [String: Any] = [:], content: [String: Any], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case noDelimiter
        case missingFrames(Int)
        case badSignature
        case notAnObject(String)

        public var description: String {
            switch self {
            case .noDelimiter: "no <IDS|MSG> delimiter"
            case .missingFrames(let n): "\(n) frames after the delimiter, at least 5 expected"
            case .badSignature: "the HMAC signature does not match"
            case .notAnObject(let frame): "the \(frame) frame is not a JSON object"
            }
        }
    }

    public var type: String { header["msg_type"] as? String ?? "" }

    /// Parses frames received from a socket and checks their signature against `key`.
    public init(frames: [[UInt8]], key: [UInt8]) throws {
        guard let d = frames.firstIndex(of: WireMessage.delimiter) else { throw ParseError.noDelimiter }
        guard frames.count - d - 1 >= 5 else { throw ParseError.missingFrames(frames.count - d - 1) }
        let json = Array(frames[(d + 2)...(d + 5)])
        if !key.isEmpty {
            let expected = HMACSHA256.hex(json, key: key)
            guard WireMessage.sameBytes(Array(expected.utf8), frames[d + 1]) else { throw ParseError.badSignature }
        }
        func object(_ bytes: [UInt8], _ name: String) throws -> [String: Any] {
            guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let dictionary = value as? [String: Any] else {
                throw ParseError.notAnObject(name)
            }
            return dictionary
        }
        self.init(identities: Array(frames[..<d]),
                  header: try object(json[0], "header"), parentHeader: try object(json[1], "parent_header"),
                  metadata: try object(json[2], "metadata"), content: try object(json[3], "content"),
                  buffers: Array(frames[(d + 6)...]))
    }

    /// The frames to send, signed with `key`.
    public func frames(key: [UInt8]) -> [[UInt8]] {
        let json = [header, parentHeader, metadata, content].map(WireMessage.encode)
        let signature = key.isEmpty ? [] : Array(HMACSHA256.hex(json, key: key).utf8)
        return identities + [WireMessage.delimiter, signature] + json + buffers
    }

    /// Compact JSON bytes of an object.
    static func encode(_ object: [String: Any]) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map(Array.init) ?? Array("{}".utf8)
    }

    /// Constant-time comparison, so a forged signature learns nothing from timing.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new header for a message the kernel sends.
    public static func header(type: String, session: String) -> [String: Any] {
        ["msg_id": UUID().uuidString.lowercased(), "msg_type": type, "session": session, "username": "panorama",
         "date": timestamp(Date()), "version": "5.3"]
    }

    /// ISO 8601 with microseconds and UTC offset, as jupyter_client writes dates.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        let micros = Int((seconds - seconds.rounded(.down)) * 1e6)
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }
}
