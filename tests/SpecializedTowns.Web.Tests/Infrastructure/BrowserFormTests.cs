namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>The form tests post is what a browser would post: what the helper reads of a form the page rendered.</summary>
public class BrowserFormTests
{
    private const string Page = """
        <form id="search" method="get"><input name="q" value="其他表单"></form>
        <form id="edit" method="post">
          <input name="__RequestVerificationToken" type="hidden" value="tok">
          <input name="Input.Name" value="历山镇">
          <input name="Input.Active" type="checkbox" value="true" checked><input name="Input.Active" type="hidden" value="false">
          <input name="Input.Listed" type="checkbox" value="true"><input name="Input.Listed" type="hidden" value="false">
          <input name="Input.Kind" type="radio" value="a"><input name="Input.Kind" type="radio" value="b" checked>
          <input name="Input.File" type="file"><input type="submit" name="go" value="保存">
          <select name="Input.TownId"><option value="">请选择</option><option value="7">历山镇</option></select>
          <select name="Input.UnitId"><option value="">未指定</option><option value="3" selected>县工科局</option></select>
          <select name="Input.Units" multiple><option value="1" selected>甲</option><option value="2">乙</option><option value="3" selected>丙</option></select>
          <select name="Input.None" multiple><option value="1">甲</option></select>
          <textarea name="Input.Note">已核实</textarea>
        </form>
        """;

    [Fact]
    public void Posts_what_a_browser_posts_for_the_form_that_holds_the_field()
    {
        var form = BrowserForm.Holding(Page, "Input.Name");
        form.Fields.Select(f => $"{f.Key}={f.Value}").ShouldBe([
            "__RequestVerificationToken=tok", "Input.Name=历山镇", "Input.Active=true", "Input.Active=false", "Input.Listed=false", "Input.Kind=b",
            "Input.TownId=", "Input.UnitId=3", "Input.Units=1", "Input.Units=3", "Input.Note=已核实",
        ]);
        form["Input.Active"].ShouldBe("true", "model binding reads the first value: the ticked box, not its hidden false");
        form["Input.Missing"].ShouldBeNull();
        BrowserForm.Of(Page, "#search")["q"].ShouldBe("其他表单");
        Should.Throw<InvalidOperationException>(() => BrowserForm.Holding(Page, "Input.Absent"));
    }

    [Fact]
    public void A_select_left_unchosen_can_post_its_first_real_option_and_a_change_replaces_every_value_of_its_name()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Page);
        var form = BrowserForm.Of((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#edit")!, BrowserForm.Unchosen.FirstRealOption);
        form["Input.TownId"].ShouldBe("7");
        form["Input.UnitId"].ShouldBe("3");

        var changed = form.With("Input.Units", "2").With("Input.Note", null).With(new Dictionary<string, string> { ["Input.Name"] = "皋落乡" });
        changed.Fields.Where(f => f.Key == "Input.Units").Select(f => f.Value).ShouldBe(["2"]);
        changed.Names.ShouldNotContain("Input.Note");
        changed["Input.Name"].ShouldBe("皋落乡");
        form["Input.Name"].ShouldBe("历山镇", "a change makes a copy; the form as loaded stays for the next post");
    }
}
