import Foundation
import PanoramaKit
import PanoramaShell
import ZeroMQ

/// A Jupyter kernel for panorama (messaging protocol 5.3): one `Session` for its whole life,
/// so variables live across cells.
///
/// Threads: the main thread serves the shell channel and runs cells; one thread serves the
/// control channel (interrupt, shutdown) so it answers while a cell runs; one echoes
/// heartbeats. IOPub is shared and sent under a lock. stdin is bound but panorama never asks
/// for input.
public final class Kernel: @unchecked Sendable {
    let connection: ConnectionInfo
    let key: [UInt8]
    let shell: ZeroMQSocket
    let control: ZeroMQSocket
    let iopub: ZeroMQSocket
    let stdin: ZeroMQSocket
    let heartbeat: ZeroMQSocket
    let iopubLock = NSLock()
    /// This kernel's session id in message headers.
    let sessionID = UUID().uuidString.lowercased()
    let session: Session
    /// The count shown as `In [n]`.
    var executionCount = 0
    /// Executed cells: (count, code, the text they printed), for `history_request`.
    var history: [(line: Int, input: String, output: String)] = []

    public init(connection: ConnectionInfo) throws {
        self.connection = connection
        key = Array(connection.key.utf8)
        let context = try ZeroMQContext()
        shell = try ZeroMQSocket(context, .router)
        control = try ZeroMQSocket(context, .router)
        iopub = try ZeroMQSocket(context, .publisher)
        stdin = try ZeroMQSocket(context, .router)
        heartbeat = try ZeroMQSocket(context, .reply)
        try shell.bind(connection.endpoint(connection.shellPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try heartbeat.bind(connection.endpoint(connection.hbPort))
        session = Session(options: Kernel.renderOptions, isCancelled: { Interruption.isRequested })
        session.bail = true
    }

    /// Results as the checked notebooks show them: 80 columns, box tables, Unicode, no colour.
    static var renderOptions: RenderOptions {
        var options = RenderOptions()
        options.width = 80
        options.mode = .box
        options.charset = .unicode
        options.color = false
        return options
    }

    /// Serves until a `shutdown_request`; returns the exit code.
    public func run() -> Int32 {
        Kernel.installInterruptHandler()
        Thread.detachNewThread { [self] in echoHeartbeats() }
        Thread.detachNewThread { [self] in serve(control) }
        serve(shell)
        return 0
    }

    /// SIGINT (jupyter_client's interrupt in `signal` mode) stops the running statement only.
    /// SIGINT and SIGTERM are unblocked first: a parent may have spawned the kernel with them
    /// blocked, and then neither interrupt nor shutdown by signal would reach it.
    static func installInterruptHandler() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interruption.request() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    func echoHeartbeats() {
        while let ping = try? heartbeat.receive() {
            try? heartbeat.send(ping)
        }
    }

    /// Receives and answers requests on one channel, forever.
    func serve(_ socket: ZeroMQSocket) {
        while true {
            guard let frames = try? socket.receive() else { continue }
            guard let request = try? WireMessage(frames: frames, key: key) else {
                // Unsigned or malformed messages are dropped, as ipykernel does.
                continue
            }
            publish("status", ["execution_state": "busy"], parent: request)
            handle(request, on: socket)
            publish("status", ["execution_state": "idle"], parent: request)
        }
    }

    /// Sends the reply to `request` on the socket it came from.
    func reply(_ request: WireMessage, on socket: ZeroMQSocket, _ content: [String: Any]) {
        let type = request.type.replacingOccurrences(of: "_request", with: "_reply")
        let message = WireMessage(identities: request.identities, header: WireMessage.header(type: type, session: sessionID),
                                  parentHeader: request.header, content: content)
        try? socket.send(message.frames(key: key))
    }

    /// Broadcasts a message on IOPub.
    func publish(_ type: String, _ content: [String: Any], parent: WireMessage) {
        let message = WireMessage(identities: [Array("kernel.\(sessionID).\(type)".utf8)],
                                  header: WireMessage.header(type: type, session: sessionID),
                                  parentHeader: parent.header, content: content)
        iopubLock.lock()
        defer { iopubLock.unlock() }
        try? iopub.send(message.frames(key: key))
    }
}
