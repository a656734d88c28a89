/// QR codes (ISO/IEC 18004) drawn by the portal itself, so that no page or mail asks a third
/// party to draw one: byte mode, error correction level M, versions 1 to 6 (up to 106 bytes,
/// enough for a link with a check-in code).
public struct QRCode: Sendable, Equatable {
    /// Modules row by row; `true` is dark.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int

    public var size: Int { modules.count }

    /// Data and error-correction codewords per block, and number of blocks, at level M.
    private static let blocks: [(data: Int, ecc: Int, count: Int)] = [
        (16, 10, 1), (28, 16, 1), (44, 26, 1), (32, 18, 2), (43, 24, 2), (27, 16, 4),
    ]

    public static let maximumBytes = 106

    /// nil when the text does not fit into version 6.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let version = (1...6).first(where: { Self.blocks[$0 - 1].data * Self.blocks[$0 - 1].count * 8 >= 12 + bytes.count * 8 }) else {
            return nil
        }
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.place(Self.codewords(bytes, version: version))
        var best: (penalty: Int, mask: Int, modules: [[Bool]])?
        for mask in 0..<8 {
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormat(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, mask, candidate.modules) }
        }
        self.modules = best!.modules
        self.version = version
        self.mask = best!.mask
    }

    /// The data bits in byte mode, padded, split into blocks, with Reed-Solomon codewords, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks[version - 1]
        let capacity = layout.data * layout.count
        var bits: [Bool] = []
        func append(_ value: Int, _ length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, 8)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        if bits.count % 8 != 0 { append(0, 8 - bits.count % 8) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < capacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        let generator = ReedSolomon.generator(degree: layout.ecc)
        let dataBlocks = (0..<layout.count).map { Array(data[$0 * layout.data..<($0 + 1) * layout.data]) }
        let eccBlocks = dataBlocks.map { ReedSolomon.remainder($0, generator: generator) }
        var result: [UInt8] = []
        for index in 0..<layout.data { for block in dataBlocks { result.append(block[index]) } }
        for index in 0..<layout.ecc { for block in eccBlocks { result.append(block[index]) } }
        return result
    }

    /// Width and height in modules, with the quiet zone of four modules on every side.
    public var sideWithQuietZone: Int { size + 8 }

    /// The code as a standalone SVG file (for a mail attachment); `label` names it for screen readers.
    public func svgDocument(label: String) -> String {
        let side = sideWithQuietZone
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 8)" height="\(side * 8)" role="img" \
            aria-label="\(escaped)" shape-rendering="crispEdges"><title>\(escaped)</title><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(pathData)"/></svg>

            """
    }

    /// An SVG path of all dark modules, in a coordinate system of `sideWithQuietZone` units.
    /// Runs of dark modules in a row are drawn as one rectangle, which keeps the path short.
    public var pathData: String {
        var path = ""
        path.reserveCapacity(size * size * 4)
        for (row, line) in modules.enumerated() {
            var column = 0
            while column < line.count {
                guard line[column] else {
                    column += 1
                    continue
                }
                var end = column + 1
                while end < line.count, line[end] { end += 1 }
                path += "M" + String(column + 4) + " " + String(row + 4) + "h" + String(end - column) + "v1h-" + String(end - column) + "z"
                column = end
            }
        }
        return path
    }
}

/// Arithmetic in GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ left: UInt8, _ right: UInt8) -> UInt8 {
        var result: UInt8 = 0
        var a = left
        var b = right
        while b > 0 {
            if b & 1 == 1 { result ^= a }
            let carry = a & 0x80 != 0
            a <<= 1
            if carry { a ^= 0x1D }
            b >>= 1
        }
        return result
    }

    /// The coefficients of (x − α⁰)(x − α¹)…(x − αⁿ⁻¹) without the leading 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return coefficients
    }

    static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(generator[index], factor) }
        }
        return result
    }
}

/// The module grid while a code is drawn: which modules belong to fixed patterns, and their colours.
private struct Grid {
    let size: Int
    let version: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(_ column: Int, _ row: Int, _ dark: Bool) {
        modules[row][column] = dark
        isFunction[row][column] = true
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        for (column, row) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = column + dx
                    let y = row + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(x, y, distance != 2 && distance != 4)
                }
            }
        }
        if version >= 2 {
            let centre = size - 7
            for dy in -2...2 {
                for dx in -2...2 { set(centre + dx, centre + dy, max(abs(dx), abs(dy)) != 1) }
            }
        }
        drawFormat(mask: 0)
    }

    /// The 15 format bits (level M, the mask) in both copies, and the dark module.
    mutating func drawFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(8, index, bit(index)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for index in 9..<15 { set(14 - index, 8, bit(index)) }
        for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
        set(8, size - 8, true)
    }

    /// Codeword bits in the zigzag of two-module columns from the bottom right, around the patterns.
    mutating func place(_ codewords: [UInt8]) {
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for offset in 0..<2 {
                    let x = right - offset
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !isFunction[y][x], bitIndex < codewords.count * 8 else { continue }
                    modules[y][x] = (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    mutating func apply(mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] {
                let flip: Bool
                switch mask {
                case 0: flip = (x + y) % 2 == 0
                case 1: flip = y % 2 == 0
                case 2: flip = x % 3 == 0
                case 3: flip = (x + y) % 3 == 0
                case 4: flip = (x / 3 + y / 2) % 2 == 0
                case 5: flip = x * y % 2 + x * y % 3 == 0
                case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if flip { modules[y][x].toggle() }
            }
        }
    }

    /// The standard's penalty: long runs, 2×2 blocks, finder-like sequences, imbalance of dark and light.
    /// It runs once per mask on a flat copy of the grid, which keeps it cheap in unoptimised builds too.
    func penalty() -> Int {
        var cells: [Bool] = []
        cells.reserveCapacity(size * size)
        for row in modules { cells.append(contentsOf: row) }
        return cells.withUnsafeBufferPointer { Self.penalty(of: $0, size: size) }
    }

    private static let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]

    private static func penalty(of cells: UnsafeBufferPointer<Bool>, size: Int) -> Int {
        var total = 0
        let pattern = finderLike
        // Each row (step 1) and each column (step `size`) as a line of `size` modules.
        for (lineStep, moduleStep) in [(size, 1), (1, size)] {
            for line in 0..<size {
                let base = line * lineStep
                var run = 1
                for index in 1..<size {
                    if cells[base + index * moduleStep] == cells[base + (index - 1) * moduleStep] {
                        run += 1
                    } else {
                        if run >= 5 { total += run - 2 }
                        run = 1
                    }
                }
                if run >= 5 { total += run - 2 }
                guard size >= pattern.count else { continue }
                for start in 0...(size - pattern.count) {
                    var forward = true
                    var backward = true
                    for offset in 0..<pattern.count where forward || backward {
                        let module = cells[base + (start + offset) * moduleStep]
                        if module != pattern[offset] { forward = false }
                        if module != pattern[pattern.count - 1 - offset] { backward = false }
                    }
                    if forward || backward { total += 40 }
                }
            }
        }
        var dark = 0
        for y in 0..<size {
            for x in 0..<size {
                let colour = cells[y * size + x]
                if colour { dark += 1 }
                guard x < size - 1, y < size - 1 else { continue }
                if cells[y * size + x + 1] == colour, cells[(y + 1) * size + x] == colour, cells[(y + 1) * size + x + 1] == colour {
                    total += 3
                }
            }
        }
        total += abs(dark * 20 - size * size * 10) / (size * size) * 10
        return total
    }
}
