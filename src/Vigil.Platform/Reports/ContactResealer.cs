using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;

namespace Vigil.Platform.Reports;

/// <summary>
/// The optional pass after a key rotation: reseals every contact that is not sealed with the current write key (and
/// seals any left in plain text from before sealing existed), so that an old key can eventually be retired. Each
/// reseal is a compare-and-swap, so it is safe to run while the server takes reports.
/// </summary>
public sealed class ContactResealer(IReportStore store, ContactCipher cipher, TimeProvider time)
{
    private const int Page = 500;

    public async Task<ResealResult> RunAsync(string actor, CancellationToken cancellationToken)
    {
        var resealed = 0;
        var current = 0;
        var unreadable = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListSealedContactsAsync(after, Page, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                after = item.Ticket;
                if (!cipher.NeedsReseal(item.Value))
                {
                    current++;
                    continue;
                }

                ContactDetails? contact;
                if (ContactCipher.KeyIdOf(item.Value) is null)
                {
                    contact = FromLegacy(item.Value);
                }
                else if (!cipher.TryOpen(item.Value, item.Ticket, out contact))
                {
                    unreadable.Add(item.Ticket);
                    continue;
                }

                var audit = new AuditRecord(time.GetUtcNow(), actor, "report.contact.reseal", "report", item.Ticket,
                    ContactCipher.KeyIdOf(item.Value) ?? "plain", cipher.Ring.WriteKeyId);
                if (await store.ResealContactAsync(item.Ticket, item.Value, cipher.Seal(contact!, item.Ticket), audit, cancellationToken).ConfigureAwait(false))
                {
                    resealed++;
                }
            }

            if (page.Count < Page)
            {
                return new ResealResult(resealed, current, unreadable);
            }
        }
    }

    /// <summary>A contact stored as one free-text field before contacts were sealed: an e-mail address if it has an @, else a phone number.</summary>
    public static ContactDetails FromLegacy(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal) ? new ContactDetails(null, text, null) : new ContactDetails(null, null, text);
    }
}

/// <summary>What a reseal pass did: values resealed, values already under the write key, and tickets whose value no key opens.</summary>
public sealed record ResealResult(int Resealed, int AlreadyCurrent, IReadOnlyList<string> Unreadable);
