using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

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
        var length = key.Length;
        var hash = unchecked((ulong)length * Multiplier);
        if (length >= 8)
        {
            var rest = key;
            while (rest.Length > 8)
            {
                hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(rest) & fold);
                rest = rest[8..];
            }
            // The last eight bytes, overlapping the previous word when the length is not a
            // multiple of eight (the length is already in the hash).
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(key[(length - 8)..]) & fold);
        }
        else if (length >= 4)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(key);
            var high = BinaryPrimitives.ReadUInt32LittleEndian(key[(length - 4)..]);
            hash = Mix(hash, (low | ((ulong)high << 32)) & fold);
        }
        else if (length > 0)
        {
            var word = key[0] | ((ulong)key[length / 2] << 8) | ((ulong)key[length - 1] << 16);
            hash = Mix(hash, word & fold);
        }
        return unchecked((int)((uint)Finish(hash) & 0x7FFFFFFF));
    }

    // The multiply in Mix only carries differences upwards; tables use the low bits, so the
    // finaliser (MurmurHash3's fmix64) folds the high bits back down.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong word) =>
        unchecked(BitOperations.RotateLeft((hash ^ word) * Multiplier, 27));
}
