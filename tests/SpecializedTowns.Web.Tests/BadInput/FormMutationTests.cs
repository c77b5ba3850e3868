using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.BadInput;

/// <summary>
/// Mutations of the fields of the main create/edit forms, posted with a valid antiforgery token as a signed-in office would:
/// the form is read from the page itself (every input, select and textarea of the form that posts), each operator is
/// applied to each field in turn. Every answer is the form again with a Chinese message (200), a redirect after a save (the
/// page it leads to then renders), or a 400/403/404 — never a 500, never a stack trace, never a script tag echoed raw —
/// and a form shown again with an error has written nothing.
/// </summary>
[Collection("BadInput platform")]
public class FormMutationTests
{
    private static readonly string[] Pages =
    [
        "/Enterprises/Edit", "/Projects/Edit", "/Towns/Edit", "/Tasks/New", "/Problems/New", "/Leads/Edit", "/Notices/New", "/Applications/New?townId=first",
        "/Support/Funds/Edit", "/Support/Listing/Edit", "/Support/Finance/Edit", "/Support/Brands/Edit", "/Support/Brands/GeoIndications/Edit",
        "/Support/Events/Edit", "/Support/Platforms/Edit", "/Support/Talents/Edit", "/Support/Training/Edit",
    ];

    private static readonly string[] Ops =
    [
        "missing", "empty", "overlong-10000", "word", "script-tag", "negative", "1e309", "full-width-digits", "bad-date", "year-9999",
        "unknown-option", "other-county-id", "control-and-emoji",
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var page in Pages)
        foreach (var op in Ops)
            data.Add($"{page} {op}");
        return data;
    }

    private const string Script = "<script>alert(1)</script>";

    private static string? Value(string op, string name, string current) => op switch
    {
        "missing" => null,
        "empty" => "",
        "overlong-10000" => new string('长', 10_000),
        "word" => "不详",
        "script-tag" => Script,
        "negative" => "-1",
        "1e309" => "1e309",
        "full-width-digits" => "１２３",
        "bad-date" => "2025年13月45日",
        "year-9999" => "9999-12-31",
        "unknown-option" => "no-such-option",
        // An id that is there but in another county's records (the first rows of the demo belong to 运城, the office is 朔州'), and one that is nowhere.
        "other-county-id" => name.EndsWith("Id") || name.EndsWith("Ids") ? "1" : current,
        "control-and-emoji" => "\u0001\u200b🐝" + current,
        _ => current,
    };

    private sealed class Forms
    {
        public required HttpClient Client { get; init; }
        public required PlatformFactory Factory { get; init; }
    }

    private static readonly Lazy<Task<Forms>> Shared = new(async () =>
    {
        var factory = await BadInputPlatforms.Own.GetAsync(StorageProvider.Sqlite);
        var client = await BadInputPlatforms.Own.SignedInAsync(StorageProvider.Sqlite, "shuozhou-office");
        return new Forms { Client = client, Factory = factory };
    });

    private static DbState? _state;

    private static async Task<DbState> StateAsync(Forms forms)
    {
        using var scope = forms.Factory.Services.CreateScope();
        return await DbState.CaptureAsync(scope.ServiceProvider.GetRequiredService<TownsDbContext>());
    }

    /// <summary>The form that posts on the page: its fields with the values the page put there (a select's chosen or first real option).</summary>
    private static BrowserForm Fields(IHtmlDocument doc) => BrowserForm.Of(
        doc.QuerySelectorAll("main form[method=post], form[method=post]")
            .OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.Elements.Any(e => e.GetAttribute("name") is { Length: > 0 } n && n != "__RequestVerificationToken" && n != "id"))
            ?? throw new InvalidOperationException("no form that posts fields"),
        BrowserForm.Unchosen.FirstRealOption);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Form_case(string name)
    {
        var forms = await Shared.Value;
        var (path, op) = (name.Split(' ')[0], name.Split(' ')[1]);
        var parser = new HtmlParser();
        if (path.EndsWith("townId=first"))
        {
            // The application form appears once a town is chosen: the first the office may apply for.
            var chooser = parser.ParseDocument(await forms.Client.GetStringAsync(path.Split('?')[0]));
            var town = chooser.QuerySelectorAll("select#townId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v));
            path = path.Replace("first", town);
        }
        var page = await forms.Client.GetAsync(path);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"{name}: the form opens");
        var fields = Fields(parser.ParseDocument(await page.Content.ReadAsStringAsync()));
        var mutable = fields.Names.Where(k => k != "__RequestVerificationToken").ToList();
        mutable.ShouldNotBeEmpty(name);

        foreach (var field in mutable)
        {
            var current = fields[field]!;
            var value = Value(op, field, current);
            if (op != "missing" && value == current) continue;
            var label = $"{name} [{field}]";

            var before = _state ??= await StateAsync(forms);
            using var response = await fields.With(field, value).PostAsync(forms.Client, path);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            status.ShouldBeOneOf([200, 302, 400, 403, 404], $"{label}: {status} {body[..Math.Min(body.Length, 400)]}");
            Chinese.ShouldBeClean(body, label);
            body.ShouldNotContain(Script, Case.Sensitive, $"{label}: a script is echoed unencoded");

            if (status == 302)
            {
                // Saved: the page it leads to renders, and shows what was saved encoded.
                _state = null;
                var location = response.Headers.Location!.ToString();
                using var next = await forms.Client.GetAsync(location);
                var nextBody = await next.Content.ReadAsStringAsync();
                ((int)next.StatusCode).ShouldBeLessThan(500, $"{label}: {location}");
                nextBody.ShouldNotContain(Script, Case.Sensitive, $"{label}: {location} shows a saved script unencoded");
                Chinese.ShouldBeClean(nextBody, label);
                continue;
            }
            var doc = parser.ParseDocument(body);
            if (status == 200)
            {
                var messages = doc.QuerySelectorAll("main .field-validation-error, main .validation-summary-errors, main .alert-danger, main .invalid-feedback")
                    .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0 && t != "*").ToList();
                messages.ShouldContain(t => Chinese.Has(t), $"{label}: the form comes back with a Chinese message");
            }
            else
            {
                Chinese.Has(doc.Body?.TextContent).ShouldBeTrue($"{label}: {status} page in Chinese");
            }
            before.ShouldBeUnchanged(_state = await StateAsync(forms), $"{label} ({status})");
        }
    }

    /// <summary>Every page that takes a year or a date from its address, each given one out of range.</summary>
    public static TheoryData<string> OutOfRangeAddresses() =>
    [
        "/Support/Funds?year=99999", "/Support/Funds?year=0", "/Support/Events?year=99999", "/Support/Talents?year=0", "/Support/Training?year=99999",
        "/Support/Finance?year=99999", "/Support/Funds/Performance?from=0&to=99999", "/Audit?to=9999-12-31", "/Audit?from=0001-01-01",
        "/Evaluations?year=99999", "/Reserve?year=99999", "/Projects/Batches?year=99999", "/Notices?year=0", "/Commendations?year=99999",
        "/Tasks?year=99999", "/Tasks/Overdue?year=0", "/Reports/Report/1/99999/12", "/Reports/Report/1/0/12",
    ];

    [Theory]
    [MemberData(nameof(OutOfRangeAddresses))]
    public async Task A_year_or_date_out_of_range_in_the_address_is_a_Chinese_400(string address)
    {
        var client = await BadInputPlatforms.Own.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        using var response = await client.GetAsync(address);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, $"{address}: {body[..Math.Min(body.Length, 400)]}");
        Chinese.ShouldBeClean(body, address);
        new HtmlParser().ParseDocument(body).Body!.TextContent.ShouldContain("应在 2000 到 2100 之间", Case.Sensitive, address);
    }
}
