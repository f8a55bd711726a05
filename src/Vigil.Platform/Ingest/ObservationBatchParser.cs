using System.Text;
using System.Text.Json;
using Vigil.Domain.Geo;
using Vigil.Platform.Configuration;

namespace Vigil.Platform.Ingest;

/// <summary>
/// Reads and validates an observation batch in one pass with <see cref="Utf8JsonReader"/>: no intermediate objects,
/// no strings per observation. Every bad field is reported with its path; a batch with any error yields no rows.
/// </summary>
/// <remarks>
/// The body is <c>{"batchId": "…", "observations": [{"quantity": "pm25", "time": "2026-11-23T10:00:00Z", "value": 12.5}, …]}</c>.
/// </remarks>
public sealed class ObservationBatchParser(IngestOptions options, TimeProvider timeProvider)
{
    private const int MaxErrorsReported = 50;
    private const int MaxBatchIdLength = 128;

    public ParseResult Parse(ReadOnlySpan<byte> json, DeviceEntry device, long receivedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(device);
        var errors = new List<FieldError>();
        var now = timeProvider.GetUtcNow();
        var newestMs = (now + options.MaxFutureSkew).ToUnixTimeMilliseconds();
        var oldestMs = (now - options.MaxAge).ToUnixTimeMilliseconds();
        var quantities = QuantityNames(device);
        string? batchId = null;
        GeoPoint? location = null;
        var rows = IngestBatch.RentRows(256);
        var count = 0;
        var sawObservations = false;

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new FieldError("$", "The body must be a JSON object."));
                return Fail(rows, errors);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("batchId"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        errors.Add(new FieldError("batchId", "must be a string."));
                        reader.Skip();
                        continue;
                    }

                    batchId = reader.GetString();
                    if (!IsValidBatchId(batchId))
                    {
                        errors.Add(new FieldError("batchId", $"must be 1–{MaxBatchIdLength} characters of letters, digits, '-', '_', '.' or ':'."));
                    }
                }
                else if (reader.ValueTextEquals("observations"u8))
                {
                    sawObservations = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        errors.Add(new FieldError("observations", "must be an array."));
                        reader.Skip();
                        continue;
                    }

                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (index >= options.MaxObservationsPerBatch)
                        {
                            errors.Add(new FieldError("observations", $"holds more than {options.MaxObservationsPerBatch} observations."));
                            return Fail(rows, errors);
                        }

                        if (ReadObservation(ref reader, index, quantities, newestMs, oldestMs, errors, out var row))
                        {
                            if (count == rows.Length)
                            {
                                rows = Grow(rows, count);
                            }

                            rows[count++] = row;
                        }

                        index++;
                        if (errors.Count >= MaxErrorsReported)
                        {
                            errors.Add(new FieldError("observations", $"Stopped after {MaxErrorsReported} errors."));
                            return Fail(rows, errors);
                        }
                    }

                    if (index == 0)
                    {
                        errors.Add(new FieldError("observations", "must hold at least one observation."));
                    }
                }
                else if (reader.ValueTextEquals("location"u8))
                {
                    reader.Read();
                    location = ReadLocation(ref reader, errors);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new FieldError("$", $"Malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}."));
            return Fail(rows, errors);
        }

        if (batchId is null && !errors.Exists(static e => e.Field == "batchId"))
        {
            errors.Add(new FieldError("batchId", "is required (a client-chosen id that makes retries safe)."));
        }

        if (!sawObservations)
        {
            errors.Add(new FieldError("observations", "is required."));
        }

        return errors.Count > 0
            ? Fail(rows, errors)
            : new ParseResult(new IngestBatch(batchId!, device, rows, count, receivedTimestamp) { ReportedLocation = location }, errors);
    }

    /// <summary>The optional <c>"location": {"lat": 44.49, "lon": 11.34}</c> a mobile or GPS-equipped device reports.</summary>
    private static GeoPoint? ReadLocation(ref Utf8JsonReader reader, List<FieldError> errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new FieldError("location", "must be an object with lat and lon."));
            reader.Skip();
            return null;
        }

        double? lat = null;
        double? lon = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLat = reader.ValueTextEquals("lat"u8);
            var isLon = !isLat && reader.ValueTextEquals("lon"u8);
            reader.Read();
            if (!isLat && !isLon)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var degrees))
            {
                errors.Add(new FieldError(isLat ? "location.lat" : "location.lon", "must be a number of degrees."));
                reader.Skip();
                continue;
            }

            if (isLat)
            {
                lat = degrees;
            }
            else
            {
                lon = degrees;
            }
        }

        if (lat is null || lon is null)
        {
            errors.Add(new FieldError(lat is null ? "location.lat" : "location.lon", "is required when location is given."));
            return null;
        }

        var point = new GeoPoint(lat.Value, lon.Value);
        if (!point.IsValid)
        {
            errors.Add(new FieldError("location", "must have -90 <= lat <= 90 and -180 <= lon <= 180."));
            return null;
        }

        return point;
    }

    private static bool ReadObservation(
        ref Utf8JsonReader reader, int index, byte[][] quantities, long newestMs, long oldestMs, List<FieldError> errors, out ObservationRow row)
    {
        row = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new FieldError($"observations[{index}]", "must be an object."));
            reader.Skip();
            return false;
        }

        var quantityIndex = -1;
        var haveQuantity = false;
        var haveTime = false;
        var haveValue = false;
        long timestampMs = 0;
        double value = 0;
        var ok = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("quantity"u8))
            {
                reader.Read();
                haveQuantity = true;
                if (reader.TokenType != JsonTokenType.String)
                {
                    ok = Error(errors, index, "quantity", "must be a string.");
                    reader.Skip();
                    continue;
                }

                quantityIndex = IndexOf(ref reader, quantities);
                if (quantityIndex < 0)
                {
                    ok = Error(errors, index, "quantity", $"'{reader.GetString()}' is not a quantity this device reports.");
                }
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                haveTime = true;
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var time))
                {
                    ok = Error(errors, index, "time", "must be an ISO 8601 date-time string with an offset, e.g. 2026-11-23T10:00:00Z.");
                    if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        reader.Skip();
                    }

                    continue;
                }

                timestampMs = time.ToUnixTimeMilliseconds();
                if (timestampMs > newestMs)
                {
                    ok = Error(errors, index, "time", "is more than the allowed skew in the future.");
                }
                else if (timestampMs < oldestMs)
                {
                    ok = Error(errors, index, "time", "is older than the ingest window allows.");
                }
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                haveValue = true;
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    ok = Error(errors, index, "value", "must be a finite number.");
                    if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!haveQuantity)
        {
            ok = Error(errors, index, "quantity", "is required.");
        }

        if (!haveTime)
        {
            ok = Error(errors, index, "time", "is required.");
        }

        if (!haveValue)
        {
            ok = Error(errors, index, "value", "is required.");
        }

        if (ok)
        {
            row = new ObservationRow(timestampMs, quantityIndex, value);
        }

        return ok;
    }

    private static bool Error(List<FieldError> errors, int index, string field, string message)
    {
        errors.Add(new FieldError($"observations[{index}].{field}", message));
        return false;
    }

    private static int IndexOf(ref Utf8JsonReader reader, byte[][] quantities)
    {
        for (var i = 0; i < quantities.Length; i++)
        {
            if (reader.ValueTextEquals(quantities[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsValidBatchId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxBatchIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static ObservationRow[] Grow(ObservationRow[] rows, int count)
    {
        var bigger = IngestBatch.RentRows(rows.Length * 2);
        rows.AsSpan(0, count).CopyTo(bigger);
        System.Buffers.ArrayPool<ObservationRow>.Shared.Return(rows);
        return bigger;
    }

    private static ParseResult Fail(ObservationRow[] rows, List<FieldError> errors)
    {
        System.Buffers.ArrayPool<ObservationRow>.Shared.Return(rows);
        return new ParseResult(null, errors);
    }

    private static byte[][] QuantityNames(DeviceEntry device)
    {
        var names = new byte[device.Device.Quantities.Count][];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetBytes(device.Device.Quantities[i].Name);
        }

        return names;
    }
}
