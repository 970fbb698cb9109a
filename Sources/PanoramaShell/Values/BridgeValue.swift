import PanoramaKit

/// A bridge value (kind `bridge`): the steps as a table and a waterfall; `waterfall(b)` draws it.
struct BridgeValue: ChartableBridge {
    var bridge: PortfolioBridge

    var kind: String { "bridge" }

    func summary(_ options: RenderOptions) -> String {
        let f = options.numbers
        return "bridge \(bridge.fromLabel) → \(bridge.toLabel): \(f.string(bridge.startTotal)) → \(f.string(bridge.endTotal))"
    }

    func render(_ options: RenderOptions) -> String {
        // The detail column's amounts read as in `b.table` (four significant digits).
        var numbers = options.numbers
        numbers.significantDigits = 4
        let table = renderTable(bridge.frame(numbers), options)
        if options.mode == .csv { return table }
        let chart = Waterfall(startLabel: start.label, start: start.value, steps: steps, endLabel: end.label, end: end.value)
        return table + "\n" + chart.render(ChartLayout(options, height: ChartValue.defaultHeight(width: options.width)))
    }

    func json(_ options: RenderOptions) -> JSON { bridge.json }

    var tableView: Frame? { bridge.frame() }

    var start: (label: String, value: Double) { (bridge.fromLabel, bridge.startTotal) }
    var steps: [(label: String, delta: Double)] { bridge.steps }
    var end: (label: String, value: Double) { (bridge.toLabel, bridge.endTotal) }

    var memberNames: [String] { ["table", "projects", "continuing_growth", "entries", "newly_costed", "exits", "no_longer_costed", "start", "end"] }

    func member(_ name: String) -> Value? {
        let t = bridge.transition
        func names(_ ps: [PortfolioPanel.Project]) -> Value {
            .vector(Column(name: name, .text(Categorical(ps.sorted { $0.cost > $1.cost }.map { Optional($0.name) }))))
        }
        switch name {
        case "table": return .frame(bridge.frame())
        case "projects": return .frame(bridge.projects)
        case "continuing_growth": return .number(t.continuingGrowth)
        case "entries": return names(t.entries)
        case "exits": return names(t.exits)
        case "newly_costed": return names(t.newlyCosted)
        case "no_longer_costed": return names(t.uncosted)
        case "start": return .number(bridge.startTotal)
        case "end": return .number(bridge.endTotal)
        default: return nil
        }
    }
}

extension PortfolioBridge {
    var json: JSON {
        let t = transition
        func list(_ ps: [PortfolioPanel.Project]) -> JSON {
            .array(ps.sorted { $0.cost > $1.cost }.map { .object([("key", .string($0.key)), ("project", .string($0.name)), ("cost", .finite($0.cost))]) })
        }
        return .object([
            ("kind", .string("bridge")),
            ("from", .string(fromLabel)), ("to", .string(toLabel)),
            ("start", .finite(startTotal)), ("end", .finite(endTotal)),
            ("continuing_growth", .finite(t.continuingGrowth)), ("entries", .finite(t.entryCost)),
            ("newly_costed", .finite(t.newlyCostedCost)), ("exits", .finite(-t.exitCost)),
            ("no_longer_costed", .finite(-t.uncostedCost)),
            ("continuing", .number(Double(t.continuing.count))),
            ("entered", list(t.entries)), ("costed", list(t.newlyCosted)), ("exited", list(t.exits)),
            ("uncosted", list(t.uncosted)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }
}
