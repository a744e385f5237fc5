namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>CRC-32 (ISO-HDLC, the x-amz-checksum-crc32 one) and CRC-32C (Castagnoli), reflected, table-driven.</summary>
public static class Crc32
{
    private static readonly uint[] IsoTable = Table(0xEDB88320u);
    private static readonly uint[] CastagnoliTable = Table(0x82F63B78u);

    public static byte[] Iso(ReadOnlySpan<byte> data) => BigEndian(Compute(IsoTable, data));

    public static byte[] Castagnoli(ReadOnlySpan<byte> data) => BigEndian(Compute(CastagnoliTable, data));

    private static uint Compute(uint[] table, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint[] Table(uint polynomial)
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ polynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
