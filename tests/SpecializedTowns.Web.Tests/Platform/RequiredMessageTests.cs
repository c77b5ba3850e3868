using System.Net;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// A field MVC requires on its own (a non-nullable string such as 企业名称) said “The Name field is required.” on the page
/// and in the form's client-side rules; every form now says 此项为必填.
/// </summary>
public class RequiredMessageTests
{
    private static readonly string[] Forms =
    [
        "/Towns/Edit", "/Projects/Edit", "/Enterprises/Edit", "/Reports/TaskForceEdit", "/Leads/Edit", "/Tasks/Edit",
        "/Support/Talents/Edit", "/Support/Events/Edit", "/Support/Brands/GeoIndications/Edit", "/Support/Brands/Edit",
        "/Support/Training/Edit", "/Support/Finance/Edit", "/Support/Funds/Edit", "/Support/Listing/Edit", "/Support/Platforms/Edit",
    ];

    [Fact]
    public async Task No_form_speaks_English_about_a_required_field()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        var shown = 0;
        foreach (var form in Forms)
        {
            var response = await office.GetAsync(form);
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            html.ShouldNotContain("field is required", Case.Insensitive, form);
            if (html.Contains("data-val-required=\"此项为必填\"")) shown++;
        }
        shown.ShouldBeGreaterThan(0, "the forms with an implicitly required field carry the Chinese rule");
    }
}
