using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// Evidence files uploaded to a notice through POST …/files and given to no finding: they count toward the notice's 50, so
/// the refusal at the limit names them, and whoever may report for the recipient sees and removes them (API and page) while
/// the notice is open; a file a finding holds is not removed this way once submitted.
/// </summary>
[Collection("notice-platform")]
public class UnattachedEvidenceTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static object File(string name) => new { fileName = name, content = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + name)) };

    private static async Task<(int Id, HttpClient Office, HttpClient Township)> NoticeAsync(StorageProvider provider)
    {
        var office = await NoticePlatforms.ClientAsync(provider, "yuanqu-office");
        var township = await NoticePlatforms.ClientAsync(provider, "lishan-township");
        var town = await NoticesApiTests.RecipientAsync(office, "town", "历山镇蜂蜜专业镇");
        var id = (await JsonAsync(await office.PostAsJsonAsync("/api/v1/notices", NoticesApiTests.Body("town", town, Today.AddDays(20))), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        return (id, office, township);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Files_of_no_finding_are_named_at_the_limit_listed_and_removable_and_submitted_ones_stay(StorageProvider provider)
    {
        var (id, office, township) = await NoticeAsync(provider);
        var member = await NoticePlatforms.ClientAsync(provider, "yuanqu-member");
        var other = await NoticePlatforms.ClientAsync(provider, "xinjiang-office");
        var first = (await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/files", File("旧照片1.pdf")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var second = (await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/files", File("旧照片2.pdf")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        // The rest of the notice's 50, uploaded earlier and given to no finding either (written as the upload writes them).
        using (var scope = (await NoticePlatforms.GetAsync(provider)).Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            for (var i = 3; i <= NoticeFile.MaxFiles; i++)
                db.NoticeFiles.Add(new NoticeFile
                {
                    NoticeId = id, FileName = $"旧照片{i}.pdf", ContentType = "application/pdf", Size = 12, Content = "%PDF-1.4 old"u8.ToArray(),
                    UploadedBy = "历山镇专业镇专干", UploadedAtUtc = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        }

        // At the limit the refusal says what fills it: 50 files of no finding, named.
        var full = await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/items/1/files", File("许可证.pdf")), HttpStatusCode.BadRequest);
        full.GetProperty("detail").GetString().ShouldBe(
            "每份督办通知书最多 50 个佐证文件（已有 50 个），其中 50 个上传后未对应到具体问题：“旧照片1.pdf”、“旧照片2.pdf”、“旧照片3.pdf”、“旧照片4.pdf”、“旧照片5.pdf” 等；"
            + "不需要的请在通知书页面“未对应到具体问题的佐证文件”处删除，再上传");
        var listed = await JsonAsync(await township.GetAsync($"/api/v1/notices/{id}/files"));
        listed.GetArrayLength().ShouldBe(50);
        listed.EnumerateArray().ShouldAllBe(f => f.GetProperty("item").ValueKind == JsonValueKind.Null);

        // Removed by those who may report for the recipient, not by a unit only copied on the notice, nor out of scope.
        (await member.DeleteAsync($"/api/v1/notices/{id}/files/{first}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.DeleteAsync($"/api/v1/notices/{id}/files/{first}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var removed = await JsonAsync(await township.DeleteAsync($"/api/v1/notices/{id}/files/{first}"));
        removed.GetProperty("files").GetArrayLength().ShouldBe(49);
        removed.GetProperty("events").EnumerateArray().Last().GetProperty("action").GetString().ShouldBe("删除未对应问题的佐证文件");
        (await township.DeleteAsync($"/api/v1/notices/{id}/files/{first}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var permit = (await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/items/1/files", File("许可证.pdf")), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

        // A file a finding holds follows the finding's rule: once submitted, not removable by this path either.
        await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/items/1/rectification", new { measures = "两个项目已开工", attachmentId = second }));
        await JsonAsync(await township.PostAsync($"/api/v1/notices/{id}/submit", null));
        foreach (var held in new[] { permit, second })
            (await JsonAsync(await township.DeleteAsync($"/api/v1/notices/{id}/files/{held}"), HttpStatusCode.Conflict)).GetProperty("detail").GetString()
                .ShouldBe("第 1 项当前为“待核验”，佐证文件已随整改情况报送，不能再删除");
        // One of no finding still goes: the office verifies nothing of it.
        var third = listed.EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "旧照片3.pdf").GetProperty("id").GetInt32();
        await JsonAsync(await office.DeleteAsync($"/api/v1/notices/{id}/files/{third}"));
        var after = await JsonAsync(await office.GetAsync($"/api/v1/notices/{id}/files"));
        after.GetArrayLength().ShouldBe(49);
        after.EnumerateArray().Where(f => f.GetProperty("item").ValueKind != JsonValueKind.Null).Select(f => f.GetProperty("id").GetInt32()).Order().ShouldBe(new[] { second, permit }.Order());

        var openapi = await (await NoticePlatforms.ClientAsync(provider, null)).GetStringAsync("/openapi/v1.json");
        openapi.ShouldContain("\"/api/v1/notices/{id}/files\"");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_page_lists_files_of_no_finding_with_a_delete_button_for_the_recipient_only(StorageProvider provider)
    {
        var (id, _, township) = await NoticeAsync(provider);
        var looseId = (await JsonAsync(await township.PostAsJsonAsync($"/api/v1/notices/{id}/files", File("多传的照片.pdf")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var url = $"/Notices/Detail/{id}";

        var reader = await NoticePlatforms.SignedInAsync(provider, "yuanqu-member");
        var read = await reader.GetStringAsync(url);
        read.ShouldContain("多传的照片.pdf");
        read.ShouldNotContain("data-remove-unattached");

        var page = await NoticePlatforms.SignedInAsync(provider, "lishan-township");
        var html = await page.GetStringAsync(url);
        html.ShouldContain("计入每份通知书最多 50 个佐证文件的限额，不需要的可删除");
        html.ShouldContain("data-remove-unattached");
        var done = await PageSignIn.PostAsync(page, $"{url}?handler=RemoveUnattachedFile&fileId={looseId}", html, new());
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await page.GetStringAsync(url);
        after.ShouldContain("已删除一个未对应到具体问题的佐证文件");
        after.ShouldNotContain("notice-loose-files");
        using var scope = (await NoticePlatforms.GetAsync(provider)).Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().NoticeFiles.CountAsync(f => f.NoticeId == id)).ShouldBe(0);
    }
}
