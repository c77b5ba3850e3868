using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

public class AttachmentUploadTests
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string name, byte[] content)
    {
        var page = await client.GetStringAsync($"/Applications/Detail/{id}");
        var token = PageSignIn.Antiforgery(page);
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await client.PostAsync($"/Applications/Detail/{id}?handler=Upload", form);
    }

    [Fact]
    public async Task Evidence_is_uploaded_checked_and_read_back_only_within_scope()
    {
        var factory = await WritingPlatforms.GetAsync(StorageProvider.Sqlite);
        var api = await WritingPlatforms.ClientAsync(StorageProvider.Sqlite, "yongji-office");
        var townId = JsonDocument.Parse(await api.GetStringAsync("/api/v1/towns?search=" + Uri.EscapeDataString("蒲州镇"))).RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        var created = await api.PostAsJsonAsync("/api/v1/applications", new { townId, standardId = "yongji-county", facts = new { category = "culture-tourism-health", annualOutputValueWanYuan = 11000 } });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yongji-office", SeededPlatforms.Password);
        byte[] pdf = [.. "%PDF-1.4 蒲州镇文旅康养专业镇 年产值证明"u8];
        (await UploadAsync(office, id, "年产值证明.pdf", pdf)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var disguised = await UploadAsync(office, id, "病毒.pdf", [0x4D, 0x5A, 0x90, 0x00]);
        disguised.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await disguised.Content.ReadAsStringAsync()).ShouldContain("文件内容与扩展名");

        var detail = await office.GetStringAsync($"/Applications/Detail/{id}");
        var fileId = Regex.Match(detail, "handler=File&amp;fileId=(\\d+)").Groups[1].Value;
        (await office.GetByteArrayAsync($"/Applications/Detail/{id}?handler=File&fileId={fileId}")).ShouldBe(pdf);

        var other = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(other, "yuanqu-office", SeededPlatforms.Password);
        (await other.GetAsync($"/Applications/Detail/{id}?handler=File&fileId={fileId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Once submitted, the evidence is fixed.
        await api.PostAsJsonAsync($"/api/v1/applications/{id}/steps", new { action = "submit" });
        var late = await UploadAsync(office, id, "补充.pdf", pdf);
        (await late.Content.ReadAsStringAsync()).ShouldContain("不能“上传申报材料”");
    }
}
