using System.Buffers.Binary;
using System.Numerics;

namespace AuroraTime.Ical.Reading;

/// <summary>
/// A fast, non-cryptographic hash of short UTF-8 keys (names, parameter lists, repeated values)
/// for the parser's lookup tables. It mixes eight bytes per step instead of one, which matters
/// because every content line is hashed at least once. Not for hostile-collision resistance:
/// the tables it serves are bounded, so colliding keys only cost a longer chain or a cache miss.
/// </summary>
internal static class Utf8Hash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    // Clearing bit 5 of every byte maps 'a'-'z' onto 'A'-'Z' (it also merges some non-letters,
    // which only makes equal hashes for keys that the ignore-case comparison then tells apart).
    private const ulong CaseFold = ~0x2020202020202020UL;

    public static int Compute(ReadOnlySpan<byte> key, bool ignoreCase)
    {
        var fold = ignoreCase ? CaseFold : ulong.MaxValue;
        var hash = unchecked((ulong)key.Length * Multiplier);
        while (key.Length >= 8)
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(key) & fold);
            key = key[8..];
        }
        if (!key.IsEmpty)
        {
            // The 1-7 remaining bytes, zero-padded.
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            key.CopyTo(tail);
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(tail) & fold);
        }
        return unchecked((int)((uint)Finish(hash) & 0x7FFFFFFF));
    }

    // The multiply in Mix only carries differences upwards; tables use the low bits, so the
    // finaliser (MurmurHash3's fmix64) folds the high bits back down.
    private static ulong Finish(ulong hash)
    {
        unchecked
        {
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCD;
            hash ^= hash >> 33;
            hash *= 0xC4CEB9FE1A85EC53;
            return hash ^ (hash >> 33);
        }
    }

    private static ulong Mix(ulong hash, ulong word) =>
        unchecked(BitOperations.RotateLeft((hash ^ word) * Multiplier, 27));
}
