<#
.SYNOPSIS
  Installs Hamgam (همگام) on Windows as a background service that starts with the computer.

.DESCRIPTION
  Run in an elevated PowerShell from a copy of the Hamgam sources:
    powershell -ExecutionPolicy Bypass -File installers\windows\install.ps1 -MahakUser shop -MahakPassword ...

  - Checks Node.js 20 or newer.
  - Copies the application to -InstallDir (default C:\Program Files\Hamgam) and runs npm ci.
  - Writes the settings to <DataDir>\hamgam.config.json (default C:\ProgramData\Hamgam), readable by
    SYSTEM and Administrators only. A re-run keeps the file and changes only the values given.
  - Registers the server:
      * with NSSM (nssm.exe on PATH) as the Windows service "Hamgam": restarted when it stops,
        logs in <DataDir>\logs;
      * otherwise as the scheduled task "Hamgam" that runs at startup as SYSTEM.
  -Uninstall removes the service or task and the application; -Purge also deletes <DataDir>.

  From the desktop installer (installers/electron/installer.nsh, "also install the headless server as
  a Windows service"): -AppExe "C:\Program Files\Hamgam\Hamgam.exe" registers the packaged server
  instead. Nothing is copied and no Node.js is needed: Hamgam.exe runs the bundled CLI
  (resources\app.asar\electron\dist\hamgam.mjs) as Node (ELECTRON_RUN_AS_NODE=1), with the
  better-sqlite3 build the package already has. -Stop only stops it (before an update replaces the
  files), -OnlyIfInstalled re-registers and starts it only if an earlier install added it, -Uninstall
  removes the service or task and leaves the application to its uninstaller.
#>
[CmdletBinding()]
param(
  [string]$MahakUrl,
  [string]$MahakUser,
  [string]$MahakPassword,
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'Hamgam'),
  [string]$DataDir = (Join-Path $env:ProgramData 'Hamgam'),
  [string]$ListenHost,
  [int]$Port = 0,
  [switch]$SkipNpm,
  [string]$AppExe,
  [switch]$Yes,
  [switch]$Stop,
  [switch]$OnlyIfInstalled,
  [switch]$Uninstall,
  [switch]$Purge
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

$ServiceName = 'Hamgam'
$MinNodeMajor = 20
$SourceDir = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$ConfigFile = Join-Path $DataDir 'hamgam.config.json'
$LogDir = Join-Path $DataDir 'logs'
$EntryScript = Join-Path $InstallDir 'bin\hamgam.mjs'
$Packaged = [bool]$AppExe
if ($Packaged) {
  # The packaged app: Hamgam.exe is the runtime, the bundled CLI the entry; the installer owns the files.
  $InstallDir = Split-Path $AppExe -Parent
  $EntryScript = Join-Path $InstallDir 'resources\app.asar\electron\dist\hamgam.mjs'
}

function Say([string]$En, [string]$Fa) {
  Write-Host $En
  Write-Host $Fa
}

function Fail([string]$En, [string]$Fa) {
  Write-Host "error: $En" -ForegroundColor Red
  Write-Host "خطا: $Fa" -ForegroundColor Red
  exit 1
}

function Assert-Admin {
  $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
  if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Fail 'Run PowerShell as Administrator.' 'PowerShell را با دسترسی Administrator اجرا کنید.'
  }
}

function Get-NodePath {
  $node = Get-Command node -ErrorAction SilentlyContinue
  if (-not $node) { Fail "Node.js $MinNodeMajor or newer is required." "Node.js نسخهٔ $MinNodeMajor یا بالاتر لازم است." }
  $version = (& $node.Source -p 'process.versions.node').Trim()
  if ([int]($version.Split('.')[0]) -lt $MinNodeMajor) {
    Fail "Node.js $MinNodeMajor or newer is required (found $version)." "Node.js نسخهٔ $MinNodeMajor یا بالاتر لازم است (نسخهٔ موجود: $version)."
  }
  return $node.Source
}

function Test-Nssm { return [bool](Get-Command nssm -ErrorAction SilentlyContinue) }

function Test-Installed {
  return [bool]((Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) -or
    (Get-ScheduledTask -TaskName $ServiceName -ErrorAction SilentlyContinue))
}

# Windows locks files in use: the running server must stop before its folder is replaced.
function Stop-Hamgam {
  if ((Test-Nssm) -and (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
    & nssm stop $ServiceName | Out-Null
  }
  if (Get-ScheduledTask -TaskName $ServiceName -ErrorAction SilentlyContinue) {
    Stop-ScheduledTask -TaskName $ServiceName -ErrorAction SilentlyContinue
  }
  # node.exe, or Hamgam.exe running as Node: whatever runs this entry script (never the desktop window).
  Get-CimInstance Win32_Process |
    Where-Object { $_.CommandLine -and $_.CommandLine.Contains($EntryScript) } |
    ForEach-Object { Stop-Process -Id $_.ProcessId -Force -ErrorAction SilentlyContinue }
}

function Install-App {
  $staging = "$InstallDir.new"
  if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
  New-Item -ItemType Directory -Path $staging | Out-Null
  foreach ($part in @('bin', 'core', 'package.json', 'package-lock.json', 'tsconfig.json', 'installers', 'renderer\dist')) {
    $from = Join-Path $SourceDir $part
    if (-not (Test-Path $from)) { continue }
    $to = Join-Path $staging $part
    New-Item -ItemType Directory -Force -Path (Split-Path $to -Parent) | Out-Null
    Copy-Item -Path $from -Destination $to -Recurse
  }
  if (-not $SkipNpm) {
    Say 'Installing dependencies (npm ci)...' 'نصب وابستگی‌ها (npm ci)...'
    Push-Location $staging
    try {
      # tsx is a runtime dependency (bin\hamgam.mjs runs the TypeScript through it); dev tools are not needed.
      & npm ci --omit=dev --no-audit --no-fund
      if ($LASTEXITCODE -ne 0) { Fail 'npm ci failed.' 'اجرای npm ci ناموفق بود.' }
    } finally { Pop-Location }
  }
  Stop-Hamgam
  if (Test-Path $InstallDir) { Remove-Item $InstallDir -Recurse -Force }
  Move-Item -Path $staging -Destination $InstallDir
  Say "Installed the application in $InstallDir." "برنامه در $InstallDir نصب شد."
}

function New-Secret {
  $bytes = New-Object byte[] 32
  [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
  return -join ($bytes | ForEach-Object { $_.ToString('x2') })
}

# Keys are those of core/config/config-schema.ts; the server reads ./hamgam.config.json from its
# working folder, which is $DataDir.
function Write-Config {
  New-Item -ItemType Directory -Force -Path $DataDir, $LogDir | Out-Null
  $config = [ordered]@{}
  if (Test-Path $ConfigFile) {
    (Get-Content -Raw -Encoding UTF8 $ConfigFile | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $config[$_.Name] = $_.Value }
    Say "Keeping $ConfigFile (values given now are updated in it)." "فایل $ConfigFile حفظ شد (فقط مقادیر داده‌شده به‌روز می‌شوند)."
  } else {
    $config = [ordered]@{
      host      = '0.0.0.0'
      port      = 8080
      dataDir   = $DataDir
      db        = 'sqlite:' + (Join-Path $DataDir 'hamgam.db')
      queue     = 'local'
      blob      = 'file:' + (Join-Path $DataDir 'blobs')
      mahakUrl  = 'https://mahakacc.mahaksoft.com/API/v3/Sync'
      jwtSecret = (New-Secret)
    }
    # -Yes (the desktop installer): never prompt; the Mahak account is set later in the desk.
    if (-not $MahakUser -and -not $Yes) { $script:MahakUser = Read-Host 'Mahak user / نام کاربری محک' }
    if (-not $MahakPassword -and -not $Yes) {
      $secure = Read-Host 'Mahak password / گذرواژهٔ محک' -AsSecureString
      $script:MahakPassword = [Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure))
    }
  }
  if ($MahakUrl) { $config['mahakUrl'] = $MahakUrl }
  if ($MahakUser) { $config['mahakUser'] = $MahakUser }
  if ($MahakPassword) { $config['mahakPassword'] = $MahakPassword }
  if ($ListenHost) { $config['host'] = $ListenHost }
  if ($Port -gt 0) { $config['port'] = $Port }
  # UTF-8 without BOM: JSON.parse in Node rejects a leading BOM.
  [IO.File]::WriteAllText($ConfigFile, ($config | ConvertTo-Json), (New-Object Text.UTF8Encoding($false)))
  # The file holds the Mahak password: SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544) only.
  & icacls $DataDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
  Say "Wrote $ConfigFile." "تنظیمات در $ConfigFile نوشته شد."
}

function Register-WithNssm([string]$NodePath) {
  if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) { & nssm remove $ServiceName confirm | Out-Null }
  & nssm install $ServiceName $NodePath "`"$EntryScript`" serve" | Out-Null
  & nssm set $ServiceName AppDirectory $DataDir | Out-Null
  if ($Packaged) { & nssm set $ServiceName AppEnvironmentExtra 'ELECTRON_RUN_AS_NODE=1' | Out-Null }
  & nssm set $ServiceName DisplayName 'Hamgam (همگام)' | Out-Null
  & nssm set $ServiceName Description 'Keeps the online store in step with Mahak' | Out-Null
  & nssm set $ServiceName Start SERVICE_AUTO_START | Out-Null
  & nssm set $ServiceName AppExit Default Restart | Out-Null
  & nssm set $ServiceName AppStdout (Join-Path $LogDir 'hamgam.log') | Out-Null
  & nssm set $ServiceName AppStderr (Join-Path $LogDir 'hamgam.log') | Out-Null
  & nssm set $ServiceName AppRotateFiles 1 | Out-Null
  & nssm set $ServiceName AppRotateBytes 10485760 | Out-Null
  & nssm start $ServiceName | Out-Null
  Say "Installed the Windows service $ServiceName (NSSM)." "سرویس ویندوزی $ServiceName با NSSM نصب شد."
}

function Register-WithTask([string]$NodePath) {
  $log = Join-Path $LogDir 'hamgam.log'
  # cmd /c keeps the server's output (pino writes JSON lines to stderr) in a log file.
  $runAsNode = if ($Packaged) { 'set ELECTRON_RUN_AS_NODE=1&& ' } else { '' }
  $argument = "/c `"$runAsNode`"$NodePath`" `"$EntryScript`" serve >> `"$log`" 2>&1`""
  $action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument $argument -WorkingDirectory $DataDir
  $trigger = New-ScheduledTaskTrigger -AtStartup
  $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
  $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1)
  Register-ScheduledTask -TaskName $ServiceName -Action $action -Trigger $trigger -Principal $principal -Settings $settings `
    -Description 'Hamgam (همگام): keeps the online store in step with Mahak' -Force | Out-Null
  Start-ScheduledTask -TaskName $ServiceName
  Say "NSSM not found: installed the startup task $ServiceName (runs as SYSTEM)." "NSSM پیدا نشد: کار زمان‌بندی‌شدهٔ $ServiceName هنگام روشن شدن ویندوز اجرا می‌شود."
}

function Remove-Hamgam {
  Stop-Hamgam
  if ((Test-Nssm) -and (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) { & nssm remove $ServiceName confirm | Out-Null }
  if (Get-ScheduledTask -TaskName $ServiceName -ErrorAction SilentlyContinue) {
    Unregister-ScheduledTask -TaskName $ServiceName -Confirm:$false
  }
  # The desktop app's files belong to its uninstaller; only a source install is removed here.
  if (-not $Packaged -and (Test-Path $InstallDir)) { Remove-Item $InstallDir -Recurse -Force }
  Say "Removed the Hamgam service ($InstallDir)." "سرویس همگام حذف شد ($InstallDir)."
  if ($Purge) {
    if (Test-Path $DataDir) { Remove-Item $DataDir -Recurse -Force }
    Say "Deleted $DataDir." "پوشهٔ $DataDir حذف شد."
  } else {
    Say "Kept settings and data in $DataDir (-Purge deletes them)." "تنظیمات و داده‌ها در $DataDir حفظ شد (برای حذف: -Purge)."
  }
}

Assert-Admin
if ($Stop) {
  Stop-Hamgam
  Say 'Stopped the Hamgam service.' 'سرویس همگام متوقف شد.'
  exit 0
}
if ($Uninstall) {
  Remove-Hamgam
  exit 0
}
if ($OnlyIfInstalled -and -not (Test-Installed)) {
  Say 'No Hamgam service is installed; nothing to update.' 'سرویس همگام نصب نیست؛ چیزی برای به‌روزرسانی نیست.'
  exit 0
}
if ($Packaged) {
  if (-not (Test-Path $AppExe)) { Fail "$AppExe not found." "فایل $AppExe پیدا نشد." }
  $nodePath = $AppExe
  Stop-Hamgam
} else {
  $nodePath = Get-NodePath
  if (-not (Test-Path (Join-Path $SourceDir 'bin\hamgam.mjs'))) {
    Fail "Run this script from the Hamgam sources ($SourceDir has no bin\hamgam.mjs)." 'این اسکریپت را از پوشهٔ برنامهٔ همگام اجرا کنید.'
  }
  Install-App
}
Write-Config
if (Test-Nssm) { Register-WithNssm $nodePath } else { Register-WithTask $nodePath }
Say "Done. Settings: $ConfigFile, logs: $LogDir" "نصب تمام شد. تنظیمات: $ConfigFile، گزارش‌ها: $LogDir"
