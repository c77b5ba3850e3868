using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>
/// The web app as operators run it: `dotnet SpecializedTowns.Web.dll` from the web project's own build output (built by the
/// test project's build through its project reference), in its project folder so wwwroot is served, on a loopback port.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Port { get; }

    /// <summary>The folder of the app's build output (its SpecializedTowns.Web.dll).</summary>
    public string Folder { get; private init; } = "";
    public string Name { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>What the process wrote, for a failure message.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    private WebProcess(string name, int port, Process process) => (Name, Port, _process) = (name, port, process);

    public static WebProcess Start(string name, string provider, string connectionString, string password, int? port = null, string? workingDirectory = null)
    {
        var (dll, folder) = Locate();
        folder = workingDirectory ?? folder;
        port ??= FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Storage__Provider"] = provider;
        env["ConnectionStrings__Main"] = connectionString;
        env["Seed__Demo"] = "true";
        env["Seed__DemoPassword"] = password;
        env["Seed__AdminPassword"] = password;
        env["Policies__Directory"] = Infrastructure.TestDatabases.PoliciesDirectory;
        env["Instance__Name"] = name;
        var process = new Process { StartInfo = info };
        var web = new WebProcess(name, port.Value, process) { Folder = Path.GetDirectoryName(dll)! };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (web._output) web._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (web._output) web._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return web;
    }

    /// <summary>Waits until /healthz answers 200 (the database is set up), failing with the process's output after <paramref name="timeout"/>.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} not healthy within {timeout}:\n{Output}");
    }

    /// <summary>The web project's build output of the configuration the tests were built in.</summary>
    private static (string Dll, string Folder) Locate()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SpecializedTowns.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"no checkout above {here.FullName}");
        // …/tests/SpecializedTowns.Web.Tests/bin/<Configuration>/<tfm>/
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var project = Path.Combine(root.FullName, "src", "SpecializedTowns.Web");
        var dll = Path.Combine(project, "bin", configuration, tfm, "SpecializedTowns.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the web project first ({configuration})", dll);
        return (dll, project);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception) { }
        _process.Dispose();
    }
}
