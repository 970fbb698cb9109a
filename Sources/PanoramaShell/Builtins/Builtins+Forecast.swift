import PanoramaKit

extension BuiltinRegistry {
    /// The forecast builtins (see their issue); each entry documents itself.
    static let forecastBuiltins: [Builtin] = []
}
