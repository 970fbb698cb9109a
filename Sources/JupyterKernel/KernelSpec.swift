import Foundation

/// `panorama kernel install`: the kernelspec Jupyter finds (kernel.json and a logo), so
/// `jupyter kernelspec list` shows panorama and notebooks can choose it.
public enum KernelSpec {
    public static let name = "panorama"

    /// Where the kernelspec goes: `--prefix DIR` → DIR/share/jupyter/kernels/panorama;
    /// `--user` → $JUPYTER_DATA_DIR (else ~/.local/share/jupyter)/kernels/panorama; neither →
    /// /usr/local/share/jupyter/kernels/panorama, as `jupyter kernelspec install` does.
    public static func directory(user: Bool, prefix: String?) -> String {
        let env = ProcessInfo.processInfo.environment
        if let prefix { return prefix + "/share/jupyter/kernels/" + name }
        if user {
            let data = env["JUPYTER_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? ".") + "/.local/share") + "/jupyter"
            return data + "/kernels/" + name
        }
        return "/usr/local/share/jupyter/kernels/" + name
    }

    /// kernel.json: how Jupyter starts the kernel. Interrupts come as messages on the control
    /// channel (SIGINT works too).
    public static func json(executable: String) -> String {
        let spec: [String: Any] = [
            "argv": [executable, "kernel", "-f", "{connection_file}"],
            "display_name": "panorama",
            "language": "panorama",
            "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A small vector logo (JupyterLab shows logo-svg.svg in the launcher).
    static let logo = """
    <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
      <rect width="64" height="64" rx="10" fill="#1d3557"/>
      <polyline points="8,48 20,36 30,40 42,22 56,14" fill="none" stroke="#f1c453" stroke-width="5" stroke-linejoin="round"/>
      <rect x="10" y="52" width="8" height="4" fill="#a8dadc"/><rect x="22" y="50" width="8" height="6" fill="#a8dadc"/>
      <rect x="34" y="46" width="8" height="10" fill="#a8dadc"/><rect x="46" y="42" width="8" height="14" fill="#a8dadc"/>
    </svg>

    """

    /// Writes the kernelspec into `directory` and returns it.
    public static func install(executable: String, directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(json(executable: executable).utf8).write(to: URL(fileURLWithPath: directory + "/kernel.json"))
            try Data(logo.utf8).write(to: URL(fileURLWithPath: directory + "/logo-svg.svg"))
        } catch {
            throw JupyterKernelError("cannot write the kernelspec in '\(directory)': \(error.localizedDescription)")
        }
    }

    /// The absolute path of the running executable (what kernel.json must start).
    public static func currentExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
