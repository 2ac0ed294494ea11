import { cs, type CatalogueExpression } from '../catalogue-entry';

/**
 * Expressions APIM itself refuses when the policy is saved: they reach .NET types outside its
 * allowed list. This engine must refuse them too, at load time, saying what is wrong.
 */
export const REFUSED_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'refused/file-read',
    features: ['disallowed-type'],
    source: cs`@(System.IO.File.ReadAllText("/etc/secrets/api-key"))`,
    expect: 'refused',
  },
  {
    id: 'refused/file-exists',
    features: ['disallowed-type'],
    source: cs`@(File.Exists("C:\\config\\maintenance.flag"))`,
    expect: 'refused',
  },
  {
    id: 'refused/environment-variable',
    features: ['disallowed-type'],
    source: cs`@(Environment.GetEnvironmentVariable("BACKEND_KEY"))`,
    expect: 'refused',
  },
  {
    id: 'refused/environment-machine-name',
    features: ['disallowed-type'],
    source: cs`@(System.Environment.MachineName)`,
    expect: 'refused',
  },
  {
    id: 'refused/http-client',
    features: ['disallowed-type', 'new'],
    source: cs`@(new System.Net.Http.HttpClient().GetStringAsync("https://config.internal/flags").Result)`,
    expect: 'refused',
    note: 'use send-request instead',
  },
  {
    id: 'refused/web-client',
    features: ['disallowed-type', 'new'],
    source: cs`@(new System.Net.WebClient().DownloadString("https://config.internal/flags"))`,
    expect: 'refused',
  },
  {
    id: 'refused/type-get-type',
    features: ['disallowed-type'],
    source: cs`@(Type.GetType("System.IO.File").GetMethod("ReadAllText").Name)`,
    expect: 'refused',
    note: 'System.Type is listed but reflection through it is not',
  },
  {
    id: 'refused/activator',
    features: ['disallowed-type'],
    source: cs`@(Activator.CreateInstance(typeof(System.Text.StringBuilder)).ToString())`,
    expect: 'refused',
  },
  {
    id: 'refused/assembly-load',
    features: ['disallowed-type'],
    source: cs`@(System.Reflection.Assembly.Load("System.Web").FullName)`,
    expect: 'refused',
  },
  {
    id: 'refused/thread-sleep',
    features: ['disallowed-type', 'statements'],
    source: cs`@{
    System.Threading.Thread.Sleep(2000);
    return "slow";
}`,
    expect: 'refused',
    note: 'use the retry or limit-concurrency policies',
  },
  {
    id: 'refused/task-delay',
    features: ['disallowed-type'],
    source: cs`@(System.Threading.Tasks.Task.Delay(100).IsCompleted)`,
    expect: 'refused',
  },
  {
    id: 'refused/process-start',
    features: ['disallowed-type'],
    source: cs`@(System.Diagnostics.Process.Start("cmd.exe", "/c whoami").Id)`,
    expect: 'refused',
  },
  {
    id: 'refused/console-write',
    features: ['disallowed-type', 'statements'],
    source: cs`@{
    Console.WriteLine("debug: " + context.RequestId);
    return "logged";
}`,
    expect: 'refused',
    note: 'use context.Trace or trace policy',
  },
  {
    id: 'refused/dns-lookup',
    features: ['disallowed-type'],
    source: cs`@(System.Net.Dns.GetHostName())`,
    expect: 'refused',
  },
  {
    id: 'refused/app-domain',
    features: ['disallowed-type'],
    source: cs`@(AppDomain.CurrentDomain.BaseDirectory)`,
    expect: 'refused',
  },
  {
    id: 'refused/gc-collect',
    features: ['disallowed-type', 'statements'],
    source: cs`@{
    GC.Collect();
    return true;
}`,
    expect: 'refused',
  },
  {
    id: 'refused/registry',
    features: ['disallowed-type'],
    source: cs`@(Microsoft.Win32.Registry.GetValue("HKEY_LOCAL_MACHINE\\Software\\Contoso", "Key", "").ToString())`,
    expect: 'refused',
  },
  {
    id: 'refused/directory-list',
    features: ['disallowed-type', 'linq'],
    source: cs`@(System.IO.Directory.GetFiles("/tmp").Length)`,
    expect: 'refused',
  },
];
