import PanoramaKit

extension BuiltinRegistry {
    /// The chart builtins (see their issue); each entry documents itself.
    static let chartBuiltins: [Builtin] = []
}
