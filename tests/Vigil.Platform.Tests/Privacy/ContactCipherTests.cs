using System.Text;
using Vigil.Platform.Configuration;
using Vigil.Platform.Privacy;
using Xunit;

namespace Vigil.Platform.Tests.Privacy;

public sealed class ContactCipherTests
{
    private static readonly ContactDetails Alice = new("Alice Example", "alice@example.org", "+1 503 555 0100");

    private static ContactKeyRing Ring(string writeKeyId, params string[] ids)
    {
        var keys = new Dictionary<string, byte[]>();
        foreach (var id in ids)
        {
            keys[id] = Encoding.ASCII.GetBytes(id.PadRight(32, '.'));
        }

        return new ContactKeyRing(keys, writeKeyId);
    }

    [Fact]
    public void Sealed_contact_opens_to_the_same_details_and_shows_no_plain_text()
    {
        var cipher = new ContactCipher(Ring("k1", "k1"));
        var sealedValue = cipher.Seal(Alice, "R-AAAAA-BBBBB");

        Assert.StartsWith("v1.k1.", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", sealedValue, StringComparison.OrdinalIgnoreCase);
        Assert.True(cipher.TryOpen(sealedValue, "R-AAAAA-BBBBB", out var opened));
        Assert.Equal(Alice, opened);
    }

    [Fact]
    public void Each_seal_uses_a_fresh_nonce()
    {
        var cipher = new ContactCipher(Ring("k1", "k1"));
        Assert.NotEqual(cipher.Seal(Alice, "R-AAAAA-BBBBB"), cipher.Seal(Alice, "R-AAAAA-BBBBB"));
    }

    [Fact]
    public void Sealed_contact_moved_to_another_ticket_or_altered_does_not_open()
    {
        var cipher = new ContactCipher(Ring("k1", "k1"));
        var sealedValue = cipher.Seal(Alice, "R-AAAAA-BBBBB");
        var tampered = sealedValue[..^3] + (sealedValue[^3] == 'A' ? 'B' : 'A') + sealedValue[^2..];

        Assert.False(cipher.TryOpen(sealedValue, "R-CCCCC-DDDDD", out _));
        Assert.False(cipher.TryOpen(tampered, "R-AAAAA-BBBBB", out _));
        Assert.False(cipher.TryOpen("v1.k1.not*base64", "R-AAAAA-BBBBB", out _));
        Assert.False(cipher.TryOpen("alice@example.org", "R-AAAAA-BBBBB", out _));
    }

    [Fact]
    public void After_rotation_new_seals_use_the_new_key_and_old_ones_still_open()
    {
        var before = new ContactCipher(Ring("k1", "k1"));
        var old = before.Seal(Alice, "R-AAAAA-BBBBB");
        var after = new ContactCipher(Ring("k2", "k1", "k2"));

        Assert.True(after.TryOpen(old, "R-AAAAA-BBBBB", out var opened));
        Assert.Equal(Alice, opened);
        Assert.True(after.NeedsReseal(old));
        var fresh = after.Seal(Alice, "R-AAAAA-BBBBB");
        Assert.Equal("k2", ContactCipher.KeyIdOf(fresh));
        Assert.False(after.NeedsReseal(fresh));

        // A ring that has lost the old key cannot open it: retiring a key needs a reseal pass first.
        Assert.False(new ContactCipher(Ring("k2", "k2")).TryOpen(old, "R-AAAAA-BBBBB", out _));
    }

    [Fact]
    public void Key_ring_refuses_short_keys_bad_ids_and_an_unknown_write_key()
    {
        Assert.Throws<ArgumentException>(() => new ContactKeyRing(new Dictionary<string, byte[]> { ["k1"] = new byte[16] }, "k1"));
        Assert.Throws<ArgumentException>(() => new ContactKeyRing(new Dictionary<string, byte[]> { ["k.1"] = new byte[32] }, "k.1"));
        Assert.Throws<ArgumentException>(() => new ContactKeyRing(new Dictionary<string, byte[]> { ["k1"] = new byte[32] }, "k2"));
    }

    [Fact]
    public void Key_file_is_created_rotated_and_read_back_into_a_ring_that_opens_old_seals()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
            var options = new PrivacyOptions();
            var first = ContactKeyFile.LoadRing(options, folder, time);
            Assert.Equal("k20261123120000", first.WriteKeyId);
            var old = new ContactCipher(first).Seal(Alice, "R-AAAAA-BBBBB");
            var path = ContactKeyFile.DefaultPath(folder);
            Assert.Throws<IOException>(() => ContactKeyFile.Generate(path, time));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            time.Advance(TimeSpan.FromDays(90));
            var rotated = ContactKeyFile.Rotate(path, time);
            var ring = ContactKeyFile.LoadRing(options, folder, time);

            Assert.Equal("k20270221120000", rotated.WriteKeyId);
            Assert.Equal(rotated.WriteKeyId, ring.WriteKeyId);
            Assert.Equal(2, ring.KeyIds.Count);
            Assert.True(new ContactCipher(ring).TryOpen(old, "R-AAAAA-BBBBB", out var opened));
            Assert.Equal(Alice, opened);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Keys_from_configuration_join_the_ring_and_may_choose_the_write_key()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var ring = ContactKeyFile.LoadRing(new PrivacyOptions { ContactKeys = { ["cfg1"] = key } }, "/nonexistent-vigil-folder", TimeProvider.System);
        Assert.Equal("cfg1", ring.WriteKeyId);
        Assert.Throws<InvalidOperationException>(() => ContactKeyFile.LoadRing(
            new PrivacyOptions { ContactKeys = { ["a"] = key, ["b"] = key } }, "/nonexistent-vigil-folder", TimeProvider.System));
    }
}
