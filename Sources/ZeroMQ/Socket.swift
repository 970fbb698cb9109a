import CZeroMQ
import Foundation

/// What a ZeroMQ call reported when it failed (`zmq_strerror` of `zmq_errno`).
public struct ZeroMQError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let code: Int32
    public var description: String { "\(call): " + String(cString: zmq_strerror(code)) }

    static func last(_ call: String) -> ZeroMQError { ZeroMQError(call: call, code: zmq_errno()) }
}

/// One ZeroMQ context: the I/O threads its sockets share. Terminated when released.
public final class ZeroMQContext: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    public init() throws {
        guard let raw = zmq_ctx_new() else { throw ZeroMQError.last("zmq_ctx_new") }
        self.raw = raw
    }

    deinit { zmq_ctx_term(raw) }
}

/// A ZeroMQ socket sending and receiving whole multipart messages (a list of frames).
///
/// A socket is used by one thread at a time; the caller serialises access. Calls interrupted
/// by a signal (SIGINT while the kernel computes) are retried.
public final class ZeroMQSocket: @unchecked Sendable {
    public enum Kind: Sendable {
        case router, publisher, reply, dealer, request, subscriber

        var value: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .publisher: ZMQ_PUB
            case .reply: ZMQ_REP
            case .dealer: ZMQ_DEALER
            case .request: ZMQ_REQ
            case .subscriber: ZMQ_SUB
            }
        }
    }

    let raw: UnsafeMutableRawPointer
    /// Keeps the context alive as long as its sockets.
    let context: ZeroMQContext

    public init(_ context: ZeroMQContext, _ kind: Kind) throws {
        guard let raw = zmq_socket(context.raw, kind.value) else { throw ZeroMQError.last("zmq_socket") }
        self.raw = raw
        self.context = context
        var linger: Int32 = 0
        zmq_setsockopt(raw, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        if kind == .subscriber { zmq_setsockopt(raw, ZMQ_SUBSCRIBE, "", 0) }
    }

    deinit { zmq_close(raw) }

    public func bind(_ endpoint: String) throws {
        guard zmq_bind(raw, endpoint) == 0 else { throw ZeroMQError.last("zmq_bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        guard zmq_connect(raw, endpoint) == 0 else { throw ZeroMQError.last("zmq_connect \(endpoint)") }
    }

    /// Sends every frame as one multipart message.
    public func send(_ frames: [[UInt8]]) throws {
        for (i, frame) in frames.enumerated() {
            let flags = i + 1 < frames.count ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(raw, $0.baseAddress, $0.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() != EINTR { throw ZeroMQError.last("zmq_send") }
            }
        }
    }

    /// The next multipart message; waits at most `milliseconds` (nil: forever). Nil on timeout.
    public func receive(timeout milliseconds: Int? = nil) throws -> [[UInt8]]? {
        if let milliseconds, try !poll(milliseconds) { return nil }
        var frames: [[UInt8]] = []
        var more: Int32 = 1
        while more != 0 {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, raw, 0) < 0 {
                if zmq_errno() != EINTR { throw ZeroMQError.last("zmq_msg_recv") }
            }
            let size = zmq_msg_size(&message)
            let data = zmq_msg_data(&message)
            frames.append(size == 0 || data == nil ? [] : Array(UnsafeRawBufferPointer(start: data, count: size)))
            more = zmq_msg_more(&message)
        }
        return frames
    }

    /// Whether a message is waiting, after at most `milliseconds`.
    func poll(_ milliseconds: Int) throws -> Bool {
        var item = zmq_pollitem_t(socket: raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, milliseconds)
        if ready < 0 {
            if zmq_errno() == EINTR { return false }
            throw ZeroMQError.last("zmq_poll")
        }
        return ready > 0
    }

    /// The endpoint the socket bound last (`tcp://127.0.0.1:PORT` after binding port `*`).
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(raw, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
