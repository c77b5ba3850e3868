using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>
/// A form posted with files over the 100 MB of one request to a page that takes no files: it is not run as if none had been
/// chosen; the status page says how much one save may carry and links back to the form.
/// </summary>
[Collection("notice-platform")]
public class UploadCeilingPageTests
{
    [Fact]
    public async Task A_page_that_takes_no_files_answers_the_status_page_with_the_limit_and_a_way_back()
    {
        var office = await NoticePlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var html = await office.GetStringAsync("/Notices/New");
        int count;
        using (var scope = (await NoticePlatforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
            count = await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Notices.CountAsync();
        var file = new ByteArrayContent(new byte[101 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PageSignIn.Antiforgery(html)), "__RequestVerificationToken" },
            { new StringContent("2025年度专业镇发展评估结果"), "Basis" },
            { file, "files", "航拍.pdf" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Notices/New") { Content = form };
        request.Headers.Referrer = new Uri(office.BaseAddress!, "/Notices/New");
        var response = await office.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("一次上传的文件合计不能超过 100 MB，请分几次上传。");
        page.ShouldContain("href=\"/Notices/New\" class=\"btn btn-primary mb-2\" id=\"status-back\"");
        using (var scope = (await NoticePlatforms.GetAsync(StorageProvider.Sqlite)).Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<TownsDbContext>().Notices.CountAsync()).ShouldBe(count);
    }
}
