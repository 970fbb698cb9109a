import Testing
@testable import PanoramaShell

/// `BoundArguments` (CallContext.swift) stands in for the dictionary builtins read their
/// arguments from: it must find, replace and remove them by name as the dictionary did.
@Suite struct BoundArgumentsTests {
    static func argument(_ x: Double) -> BoundArgument {
        let range = SourceRange(line: 1, column: 1, offset: 0, length: 1)
        return BoundArgument(expr: Expr(.number(x), range), value: .number(x), range: range)
    }

    static func number(_ v: Value?) -> Double? {
        if case .number(let x)? = v { x } else { nil }
    }

    @Test func `arguments are found, replaced and removed by name as a dictionary's`() {
        var bound: BoundArguments = ["x": Self.argument(1), "by": Self.argument(2)]
        #expect(Self.number(bound.value("by")) == 2)
        #expect(bound["missing"] == nil && !bound.has("missing") && bound.has("x"))
        bound["x"] = Self.argument(3)
        #expect(Self.number(bound.value("x")) == 3)
        bound["by"] = nil
        #expect(!bound.has("by") && Self.number(bound.value("by")) == nil)
        #expect(Self.number(bound["x"]?.value) == 3)
        bound["by"] = Self.argument(4)
        #expect(Self.number(bound.value("by")) == 4)
    }
}
