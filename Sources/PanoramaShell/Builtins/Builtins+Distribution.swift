import PanoramaKit

extension BuiltinRegistry {
    /// The distribution builtins (see their issue); each entry documents itself.
    static let distributionBuiltins: [Builtin] = []
}
