import PanoramaKit

extension BuiltinRegistry {
    /// The simulation builtins (see their issue); each entry documents itself.
    static let simulationBuiltins: [Builtin] = []
}
