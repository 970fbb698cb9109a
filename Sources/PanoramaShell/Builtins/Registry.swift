/// Every builtin of the language, by name. `.help`, completion and calls all read this.
public enum BuiltinRegistry {
    public static let all: [Builtin] = languageBuiltins + mathBuiltins + textBuiltins + dateBuiltins + statsBuiltins + dataBuiltins
        + regressionBuiltins + distributionBuiltins + simulationBuiltins + forecastBuiltins + editionBuiltins
        + chartBuiltins + reshapeBuiltins

    public static let byName: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for b in all {
            precondition(table[b.name] == nil, "builtin '\(b.name)' is registered twice")
            table[b.name] = b
        }
        return table
    }()
}
