/// The project's random source: xoshiro256** (Blackman & Vigna, 2018), seeded by SplitMix64.
///
/// 256 bits of state, period 2²⁵⁶ − 1, passes BigCrush; `jump()` advances the state by 2¹²⁸
/// draws, so `jumped streams` starting from one seed never overlap in practice. The Monte Carlo
/// engine gives each fixed-size chunk of trials its own jumped stream: a seeded run is
/// bit-identical whatever the number of threads.
///
/// ```
/// var rng = Xoshiro256StarStar(seed: 42)
/// rng.next()          // 64 random bits
/// rng.nextDouble()    // uniform in [0, 1)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Expands a 64-bit seed into the 256-bit state with SplitMix64 (Vigna's recommendation),
    /// so nearby seeds give unrelated streams and the state is never all zero.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator with this exact state (for tests against the reference implementation).
    init(state: [UInt64]) {
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(Int64(next() >> 11)) * 0x1p-53
    }

    /// A uniform double in (0, 1): never 0, so `log` of it is finite.
    @inlinable @inline(__always)
    public mutating func nextOpenDouble() -> Double {
        (Double(Int64(next() >> 12)) + 0.5) * 0x1p-52
    }

    /// A uniform integer in 0..<bound (bound > 0) by Lemire's multiply-and-reject: unbiased,
    /// and almost always one `next()`.
    @inlinable @inline(__always)
    public mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Advances the state by 2¹²⁸ calls to `next()` (the authors' jump polynomial).
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C,
                                    0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        s0 = t0
        s1 = t1
        s2 = t2
        s3 = t3
    }

    /// A copy advanced by one `jump()`.
    public func jumped() -> Xoshiro256StarStar {
        var copy = self
        copy.jump()
        return copy
    }

    /// `count` independent streams: the generator for `seed`, then each one jumped from the last.
    public static func streams(seed: UInt64, count: Int) -> [Xoshiro256StarStar] {
        var out: [Xoshiro256StarStar] = []
        out.reserveCapacity(count)
        var g = Xoshiro256StarStar(seed: seed)
        for _ in 0..<count {
            out.append(g)
            g.jump()
        }
        return out
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's `splitmix64.c`): only the seeder that expands
/// a 64-bit seed into xoshiro's state. Draw random numbers from `Xoshiro256StarStar`.
///
/// `var g = SplitMix64(seed: 0); g.next() // 0xE220A8397B1DCDAF`
struct SplitMix64: Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inlinable @inline(__always)
func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
