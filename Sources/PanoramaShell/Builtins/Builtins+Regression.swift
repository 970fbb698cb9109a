import PanoramaKit

extension BuiltinRegistry {
    /// The regression builtins (see their issue); each entry documents itself.
    static let regressionBuiltins: [Builtin] = []
}
