import Testing
@testable import LinearAlgebra

@Test func twoProductIsExact() {
    let a = 1.0 + 0x1p-30, b = 1.0 - 0x1p-30
    let p = DoubleDouble.twoProduct(a, b)
    // (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰ exactly.
    #expect(p.hi == 1)
    #expect(p.lo == -0x1p-60)
}

@Test func sumsKeepWhatDoublesLose() {
    let s = DoubleDouble(1e16) + DoubleDouble(1) - DoubleDouble(1e16)
    #expect(s.value == 1)
    var acc = DoubleDouble.zero
    for _ in 0..<10 { acc = acc + 0.1 }
    #expect(abs(acc.value - 1) < 1e-16)
    #expect(acc.hi == 1 || acc.hi == 0.9999999999999999)
}

@Test func divisionAndSquareRootReachDoubleDoublePrecision() {
    let third = DoubleDouble(1) / DoubleDouble(3)
    let back = third * 3.0 - DoubleDouble(1)
    #expect(abs(back.value) < 1e-31)
    let root = DoubleDouble(2).squareRoot
    let square = root * root - DoubleDouble(2)
    #expect(abs(square.value) < 1e-31)
}

@Test func powersAreExactBeyondDouble() {
    // 3^40 = 12157665459056928801 needs 64 bits; hi + lo holds it exactly.
    let p = DoubleDouble.power(3, 40)
    #expect(p.hi == 12157665459056928768)
    #expect(p.lo == 33)
    #expect(DoubleDouble.power(2, -3).value == 0.125)
    #expect(DoubleDouble.power(-1.5, 0).value == 1)
}
