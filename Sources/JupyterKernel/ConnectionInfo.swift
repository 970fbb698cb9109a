import Foundation

/// The connection file a Jupyter client writes for a kernel it starts: transport, address,
/// the five ports and the signing key.
public struct ConnectionInfo: Codable, Sendable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var controlPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var hbPort: Int
    public var key: String
    public var signatureScheme: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", controlPort = "control_port", iopubPort = "iopub_port"
        case stdinPort = "stdin_port", hbPort = "hb_port", signatureScheme = "signature_scheme"
    }

    public init(transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int, controlPort: Int, iopubPort: Int,
                stdinPort: Int, hbPort: Int, key: String, signatureScheme: String = "hmac-sha256") {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.controlPort = controlPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.hbPort = hbPort
        self.key = key
        self.signatureScheme = signatureScheme
    }

    /// Reads a connection file; the error names the file and what is wrong.
    public init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JupyterKernelError("cannot read the connection file '\(path)'")
        }
        do {
            self = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw JupyterKernelError("'\(path)' is not a Jupyter connection file: it has no '\(key.stringValue)'")
        } catch {
            throw JupyterKernelError("'\(path)' is not a Jupyter connection file (JSON with the five ports and the key)")
        }
        guard signatureScheme == "hmac-sha256" || key.isEmpty else {
            throw JupyterKernelError("'\(path)': signature scheme '\(signatureScheme)' is not supported (hmac-sha256 is)")
        }
    }

    /// `tcp://127.0.0.1:PORT` (or `ipc://IP-PORT` for the ipc transport).
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}

/// A kernel set-up failure, one line.
public struct JupyterKernelError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
