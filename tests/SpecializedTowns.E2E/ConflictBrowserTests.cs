using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;

namespace SpecializedTowns.E2E;

/// <summary>Two offices editing the same key project in two browsers (issue 8, 故障): the second is told, keeps its text, loses nothing.</summary>
[Collection("browser")]
public sealed class ConflictBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Two_offices_save_the_same_project_and_the_second_sees_who_saved_with_its_own_text_kept()
    {
        int id;
        string firstName;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            id = await db.Projects.Where(p => p.Name == "历山镇蜂蜜冷链仓储项目").Select(p => p.Id).SingleAsync();
            firstName = await db.Users.Where(u => u.UserName == "yuanqu-office").Select(u => u.DisplayName).SingleAsync();
        }
        var county = await fixture.SignedInPageAsync("yuanqu-office");
        var city = await fixture.SignedInPageAsync("yuncheng-office");
        var url = $"{fixture.BaseUrl}/Projects/Edit/{id}";
        await county.GotoAsync(url);
        await city.GotoAsync(url);

        const string countyText = "新建冷库 2000 吨，配套分拣车间（县办修改）";
        const string cityText = "新建冷库 3000 吨，配套冷链物流车辆 10 台（市办修改）";
        await county.FillAsync("#Input_Description", countyText);
        await county.ClickAsync("main form button[type=submit]");
        await county.WaitForURLAsync($"{fixture.BaseUrl}/Projects/Detail/{id}");

        await city.FillAsync("#Input_Description", cityText);
        await city.FillAsync("#Input_ResponsibleLeader", "市领导甲");
        await city.ClickAsync("main form button[type=submit]");
        var alert = await city.InnerTextAsync("main .alert-danger");
        alert.ShouldContain("该记录已被他人修改");
        alert.ShouldContain($"{firstName} 于");
        alert.ShouldContain("您填写的内容未保存但已保留在下方，请核对后重新保存");
        (await city.InputValueAsync("#Input_Description")).ShouldBe(cityText);
        (await city.InputValueAsync("#Input_ResponsibleLeader")).ShouldBe("市领导甲");
        await city.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("edit-conflict.png"), FullPage = true });

        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.Projects.Where(p => p.Id == id).Select(p => p.Description).SingleAsync()).ShouldBe(countyText, "the first save stands");
        }

        // Having compared, the city office saves again: now it goes through.
        await city.ClickAsync("main form button[type=submit]");
        await city.WaitForURLAsync($"{fixture.BaseUrl}/Projects/Detail/{id}");
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            (await db.Projects.Where(p => p.Id == id).Select(p => p.Description).SingleAsync()).ShouldBe(cityText);
        }
        await county.Context.CloseAsync();
        await city.Context.CloseAsync();
    }
}
