import Foundation
import PanoramaKit

/// The leaves of unboxed arithmetic (Compiler+Numbers.swift) read in place: `n - 1` or `n < 2`
/// in a function body is one closure reading the call's slot and the constant, not three
/// closures calling each other. Each operator is a type, so `combine` is specialised for it
/// and the operation is inlined into the closures it makes.
extension Compiler {
    /// A node of unboxed arithmetic as the node above it reads it.
    enum Operand {
        case constant(Double)
        /// Slot `k` of the innermost unboxed call (`Interpreter.slot`): a parameter or a local.
        case slot(Int)
        case tree(CompiledNumber)

        @inline(__always)
        func read(_ interpreter: Interpreter, _ scope: Frame?) -> Double? {
            switch self {
            case .constant(let x): return x
            case .slot(let k): return interpreter.slot(k)
            case .tree(let f): return f(interpreter, scope)
            }
        }

        var closure: CompiledNumber {
            switch self {
            case .constant(let x): return { _, _ in x }
            case .slot(let k): return { interpreter, _ in interpreter.slot(k) }
            case .tree(let f): return f
            }
        }
    }

    /// The arguments of an unboxed call, evaluated in order, each written at `at + k` in
    /// `Interpreter.numbers` (k its position), by one closure per argument calling the next:
    /// closures called from the one that captured them are not retained, those read from an
    /// array are. `write` is false when an argument cannot answer (the later ones are not read).
    struct Arguments {
        let count: Int
        let write: (Interpreter, Frame?, Int) -> Bool

        init(_ operands: [Operand]) {
            count = operands.count
            var write: (Interpreter, Frame?, Int) -> Bool = { _, _, _ in true }
            for (k, operand) in operands.enumerated().reversed() {
                let next = write, last = k == operands.count - 1
                write = { interpreter, scope, at in
                    guard let x = operand.read(interpreter, scope) else { return false }
                    // After the read: a call in the argument may have moved the memory.
                    interpreter.numbers.storage[at + k] = x
                    return last || next(interpreter, scope, at)
                }
            }
            self.write = write
        }
    }

    /// `op(x, y)` on two numbers: a number, nil when it is NaN (the general path makes it
    /// `na`), or a comparison's truth as 1 or 0 (`truth`). One result type, so the closures made
    /// for each operator are called as compiled, without reabstraction thunks.
    protocol Operation {
        static func apply(_ x: Double, _ y: Double) -> Double?
    }

    enum Add: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(x + y) } }
    enum Subtract: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(x - y) } }
    enum Multiply: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(x * y) } }
    enum Divide: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(x / y) } }
    enum Power: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(pow(x, y)) } }
    enum Remainder: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { number(Operators.remainder(x, y)) } }
    enum Equal: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x == y ? 1 : 0 } }
    enum NotEqual: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x != y ? 1 : 0 } }
    enum Less: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x < y ? 1 : 0 } }
    enum LessEqual: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x <= y ? 1 : 0 } }
    enum Greater: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x > y ? 1 : 0 } }
    enum GreaterEqual: Operation { static func apply(_ x: Double, _ y: Double) -> Double? { x >= y ? 1 : 0 } }

    @inline(__always)
    private static func number(_ r: Double) -> Double? { r.isNaN ? nil : r }

    /// `O` applied to `a` and `b`, a slot or constant operand read by the closure itself. The
    /// right operand is not read when the left one cannot answer.
    static func combine<O: Operation>(_: O.Type, _ a: Operand, _ b: Operand) -> CompiledNumber {
        switch (a, b) {
        case (.slot(let i), .constant(let y)):
            return { interpreter, _ in interpreter.slot(i).flatMap { O.apply($0, y) } }
        case (.constant(let x), .slot(let j)):
            return { interpreter, _ in interpreter.slot(j).flatMap { O.apply(x, $0) } }
        case (.slot(let i), .slot(let j)):
            return { interpreter, _ in
                guard let x = interpreter.slot(i), let y = interpreter.slot(j) else { return nil }
                return O.apply(x, y)
            }
        case (.tree(let f), .constant(let y)):
            return { interpreter, scope in f(interpreter, scope).flatMap { O.apply($0, y) } }
        case (.constant(let x), .tree(let g)):
            return { interpreter, scope in g(interpreter, scope).flatMap { O.apply(x, $0) } }
        default:
            let f = a.closure, g = b.closure
            return { interpreter, scope in
                guard let x = f(interpreter, scope), let y = g(interpreter, scope) else { return nil }
                return O.apply(x, y)
            }
        }
    }
}
