import Testing
@testable import PanoramaKit

func numeric(_ name: String, _ v: [Double]) -> ModelFactor { ModelFactor(name: name, values: .numeric(v, low: nil)) }
func text(_ name: String, _ v: [String?], reference: String? = nil) -> ModelFactor {
    let c = Categorical(v)
    return ModelFactor(name: name, values: .categorical(codes: c.codes, levels: c.levels), reference: reference)
}

@Test func treatmentCodingDropsTheReferenceLevel() throws {
    let y = numeric("y", [1, 2, 3, 4, 5])
    let g = text("phase", ["Terminé", "Cadrage", "Déploiement", "Cadrage", "Terminé"])
    let design = try ModelDesign.build(response: y, factors: [g], terms: [ModelTerm([0])], intercept: true)
    #expect(design.columnNames == ["(Intercept)", "phase[T.Déploiement]", "phase[T.Terminé]"])
    #expect(design.matrix.column(1) == [0, 0, 1, 0, 0])
    #expect(design.matrix.column(2) == [1, 0, 0, 0, 1])
    #expect(design.columnTerms == [-1, 0, 0])
    let withReference = try ModelDesign.build(response: y, factors: [text("phase", ["Terminé", "Cadrage", "Déploiement", "Cadrage", "Terminé"], reference: "Terminé")],
                                              terms: [ModelTerm([0])], intercept: true)
    #expect(withReference.columnNames == ["(Intercept)", "phase[T.Cadrage]", "phase[T.Déploiement]"])
}

@Test func unusedLevelsAreDroppedWithTheirRows() throws {
    let y = numeric("y", [1, .nan, 3, 4])
    let g = text("g", ["a", "z", "b", "a"])
    let design = try ModelDesign.build(response: y, factors: [g], terms: [ModelTerm([0])], intercept: true)
    #expect(design.columnNames == ["(Intercept)", "g[T.b]"])
    #expect(design.rows == [0, 2, 3])
    #expect(design.droppedRows == 1)
}

@Test func orderedLevelsKeepTheirOrder() throws {
    let y = numeric("y", [1, 2, 3, 4])
    let f = ModelFactor(name: "C(year)", values: .categorical(codes: [2, 0, 1, 2], levels: ["9", "10", "11"]), ordered: true)
    let design = try ModelDesign.build(response: y, factors: [f], terms: [ModelTerm([0])], intercept: true)
    #expect(design.columnNames == ["(Intercept)", "C(year)[T.10]", "C(year)[T.11]"])
}

@Test func newDataAreCodedLikeTheFit() throws {
    let y = numeric("y", [1, 2, 3, 4])
    let factors = [numeric("x", [1, 2, 3, 4]), text("g", ["a", "b", "a", "b"])]
    let design = try ModelDesign.build(response: y, factors: factors, terms: [ModelTerm([0]), ModelTerm([1]), ModelTerm([0, 1])], intercept: true)
    #expect(design.columnNames == ["(Intercept)", "x", "g[T.b]", "x:g[T.b]"])
    let new = try design.coding.matrix(factors: [numeric("x", [10, 20]), text("g", ["b", nil])], rows: [0, 1])
    #expect(new.matrix.column(1) == [10, 20])
    #expect(new.matrix[0, 2] == 1 && new.matrix[1, 2].isNaN)
    #expect(new.matrix[0, 3] == 10 && new.matrix[1, 3].isNaN)
    #expect(throws: RegressionError("level 'c' of 'g' was not in the data the model was fitted on")) {
        try design.coding.matrix(factors: [numeric("x", [1]), text("g", ["c"])], rows: [0])
    }
}

@Test func designErrorsAreReadable() {
    #expect(throws: RegressionError("the response 'g' must be numeric")) {
        try ModelDesign.build(response: text("g", ["a"]), factors: [], terms: [], intercept: true)
    }
    #expect(throws: RegressionError("'x' has 2 values but 'y' has 3")) {
        try ModelDesign.build(response: numeric("y", [1, 2, 3]), factors: [numeric("x", [1, 2])], terms: [ModelTerm([0])], intercept: true)
    }
    #expect(throws: RegressionError("'y' is infinite in 1 row (log of 0?); drop those rows first")) {
        try ModelDesign.build(response: numeric("y", [1, -.infinity]), factors: [], terms: [], intercept: true)
    }
}

@Test func resamplingDrawsComeFromTheProjectGenerator() {
    // The seeder, Vigna's splitmix64.c with seed 0: first outputs.
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    var h = Xoshiro256StarStar(seed: 1)
    let draws = (0..<10_000).map { _ in h.next(below: 7) }
    #expect(draws.allSatisfy { (0..<7).contains($0) })
    #expect(Set(draws).count == 7)
    // Chunk streams do not depend on the order they are made in.
    var a = Xoshiro256StarStar.streams(seed: 42, count: 6)[5]
    var b = Xoshiro256StarStar(seed: 42)
    for _ in 0..<5 { b.jump() }
    #expect(a.next() == b.next())
}

@Test func linearModelWithoutTheShell() throws {
    let x = [1.0, 2, 3, 4, 5, 6]
    let design = try ModelDesign.build(response: numeric("y", [1.1, 2.3, 2.8, 4.2, 4.9, 6.1]), factors: [numeric("x", x)],
                                       terms: [ModelTerm([0])], intercept: true)
    let m = try LinearModel.fit(design, formula: "y ~ x")
    // Hand-computed: slope = Sxy / Sxx.
    let slope = 17.1 / 17.5
    #expect(abs(m.coefficients[1] - slope) < 1e-14)
    #expect(m.dfModel == 1 && m.dfResidual == 4)
    #expect(abs(m.fStatistic - m.tValues[1] * m.tValues[1]) < 1e-9)
    #expect(abs(m.fPValue - m.pValues[1]) < 1e-13)
    let boot = try BootstrapResult.run(m, replications: 200, seed: 9)
    let again = try BootstrapResult.run(m, replications: 200, seed: 9)
    #expect(boot.draws.elementsEqual(again.draws) { $0 == $1 || ($0.isNaN && $1.isNaN) })
}
