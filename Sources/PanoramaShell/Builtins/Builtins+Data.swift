import PanoramaKit

extension BuiltinRegistry {
    /// The data builtins (see their issue); each entry documents itself.
    static let dataBuiltins: [Builtin] = []
}
