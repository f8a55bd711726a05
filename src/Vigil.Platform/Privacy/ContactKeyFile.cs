using System.Globalization;
using System.Text.Json;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;

namespace Vigil.Platform.Privacy;

/// <summary>The JSON key file: { "writeKeyId": "...", "keys": { "id": "base64 key" } }.</summary>
public sealed record ContactKeyFileDocument(string WriteKeyId, Dictionary<string, string> Keys);

/// <summary>
/// Reads, creates and rotates the contact key file, and builds the key ring from it and from configuration. The file
/// holds secrets: it is written owner-read/write only, next to the token-signing key.
/// </summary>
public static class ContactKeyFile
{
    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "contact-keys.json");

    /// <summary>The key ring for <paramref name="options"/>; creates the key file with one fresh key when there is no key anywhere.</summary>
    public static ContactKeyRing LoadRing(PrivacyOptions options, string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? writeKeyId = null;
        var path = string.IsNullOrWhiteSpace(options.KeyFile) ? DefaultPath(dataDirectory) : options.KeyFile;
        if (File.Exists(path) || options.ContactKeys.Count == 0)
        {
            var file = File.Exists(path) ? Read(path) : Generate(path, time);
            foreach (var (id, key) in file.Keys)
            {
                keys[id] = Decode(id, key);
            }

            writeKeyId = file.WriteKeyId;
        }

        foreach (var (id, key) in options.ContactKeys)
        {
            keys[id] = Decode(id, key);
        }

        if (!string.IsNullOrWhiteSpace(options.WriteKeyId))
        {
            writeKeyId = options.WriteKeyId;
        }
        else if (writeKeyId is null && options.ContactKeys.Count == 1)
        {
            foreach (var id in options.ContactKeys.Keys)
            {
                writeKeyId = id;
            }
        }

        return new ContactKeyRing(keys, writeKeyId ?? throw new InvalidOperationException(
            $"{PrivacyOptions.Section}:WriteKeyId must name one of the contact keys when more than one is configured."));
    }

    public static ContactKeyFileDocument Read(string path)
    {
        var doc = JsonSerializer.Deserialize(File.ReadAllText(path), VigilJson.Default.ContactKeyFileDocument)
            ?? throw new InvalidDataException($"{path} is not a contact key file.");
        if (doc.Keys is null || !doc.Keys.ContainsKey(doc.WriteKeyId ?? string.Empty))
        {
            throw new InvalidDataException($"{path}: writeKeyId must name one of its keys.");
        }

        return doc;
    }

    /// <summary>Creates a key file holding one new key; refuses to overwrite an existing one (that would orphan sealed data).</summary>
    public static ContactKeyFileDocument Generate(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists; rotate it instead of replacing it, or sealed contacts become unreadable.");
        }

        var id = NewKeyId(time);
        var doc = new ContactKeyFileDocument(id, new Dictionary<string, string>(StringComparer.Ordinal) { [id] = Convert.ToBase64String(ContactKeyRing.NewKey()) });
        Write(path, doc);
        return doc;
    }

    /// <summary>Adds a new key and makes it the write key; the old keys stay so that what they sealed still opens.</summary>
    public static ContactKeyFileDocument Rotate(string path, TimeProvider time)
    {
        var current = Read(path);
        var id = NewKeyId(time);
        var keys = new Dictionary<string, string>(current.Keys, StringComparer.Ordinal);
        if (!keys.TryAdd(id, Convert.ToBase64String(ContactKeyRing.NewKey())))
        {
            throw new IOException($"Key {id} already exists; rotate again in a second.");
        }

        var doc = new ContactKeyFileDocument(id, keys);
        Write(path, doc);
        return doc;
    }

    private static string NewKeyId(TimeProvider time) => "k" + time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static byte[] Decode(string id, string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"Contact key '{id}' is not base64.");
        }
    }

    private static void Write(string path, ContactKeyFileDocument doc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, doc, VigilJson.Default.ContactKeyFileDocument);
        }

        // Replace in one step, so a crash mid-write never leaves a half-written key file.
        File.Move(temp, path, overwrite: true);
    }
}
