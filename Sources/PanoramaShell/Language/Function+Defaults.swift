/// Default arguments that use other parameters. As in R, whose defaults are evaluated lazily,
/// `function(a=b, b=1)` reads `a` from the parameter `b`, given or defaulted; evaluated in
/// order only, `a`'s default read a global `b` instead (silently) or failed with "no variable
/// named 'b'".
extension Interpreter {
    /// Sets in `local` the defaults of the parameters at `pending` (those not given), in order,
    /// except that a default naming another pending parameter gets that one evaluated first.
    func evaluateDefaults(_ pending: [Int], of parameters: [FunctionLiteral.Parameter], into local: Environment) throws(PanoramaError) {
        var waiting = Set(pending.map { parameters[$0].name })
        for k in pending {
            try evaluateDefault(k, of: parameters, waiting: &waiting, chain: [], into: local)
        }
    }

    private func evaluateDefault(_ k: Int, of parameters: [FunctionLiteral.Parameter], waiting: inout Set<String>,
                                 chain: [String], into local: Environment) throws(PanoramaError) {
        let p = parameters[k]
        guard waiting.contains(p.name), let d = p.defaultValue else { return }
        if chain.contains(p.name) {
            let cycle = chain.drop { $0 != p.name } + [p.name]
            throw .type("the defaults of " + cycle.map { "'\($0)'" }.joined(separator: " → ") + " use each other; give one of them", at: d.range)
        }
        for name in d.namesUsed where name != p.name && waiting.contains(name) {
            guard let j = parameters.firstIndex(where: { $0.name == name }) else { continue }
            try evaluateDefault(j, of: parameters, waiting: &waiting, chain: chain + [p.name], into: local)
        }
        local.set(p.name, try evaluate(d))
        waiting.remove(p.name)
    }
}

extension Expr {
    /// Every bare name the expression reads, nested ones included.
    var namesUsed: [String] {
        if case .name(let n) = kind { return [n] }
        return children.flatMap(\.namesUsed)
    }
}
