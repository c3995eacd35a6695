; Hamgam additions to electron-builder's NSIS installer (desktop/electron-builder.yml: nsis.include).
; Included in the script's header, before electron-builder's own pages and languages.
; Checked by test/installers/nsis-include.test.ts with makensis -WX (warnings are errors, as in
; electron-builder).

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include nsDialogs.nsh

; ---- Persian -----------------------------------------------------------------------------------
; electron-builder turns fa_IR into `!insertmacro MUI_LANGUAGE "Persian"`, but NSIS ships the
; language as "Farsi" (Contrib\Language files\Farsi.nlf, language ID 1065 = fa_IR's LCID). The
; macro is redefined to load Farsi for "Persian"; every other language passes through unchanged.
!macroundef MUI_LANGUAGE
!macro MUI_LANGUAGE NLFID
  !if "${NLFID}" == "Persian"
    !insertmacro MUI_LANGUAGEEX "${NSISDIR}\Contrib\Language files" "Farsi"
  !else
    !insertmacro MUI_LANGUAGEEX "${NSISDIR}\Contrib\Language files" "${NLFID}"
  !endif
!macroend

; ---- The Windows service option ----------------------------------------------------------------
; The service runs the packaged headless server (Hamgam.exe as Node, ELECTRON_RUN_AS_NODE) through
; resources\installers\windows\install.ps1 -AppExe: NSSM when present, else a startup task.
!define HAMGAM_POWERSHELL '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File'
!define HAMGAM_SERVICE_SCRIPT '"$INSTDIR\resources\installers\windows\install.ps1" -AppExe "$INSTDIR\${APP_EXECUTABLE_FILENAME}"'

LangString hamgamServiceTitle 1065 "سرویس ویندوز"
LangString hamgamServiceTitle 1033 "Windows service"
LangString hamgamServiceSubtitle 1065 "سرور همگام را بدون باز بودن برنامه هم اجرا کنید"
LangString hamgamServiceSubtitle 1033 "Run the Hamgam server even when nobody has the app open"
LangString hamgamServiceText 1065 "اگر فروشگاه اینترنتی از همین رایانه به محک وصل می‌شود، سرور همگام باید همیشه روشن باشد. با این گزینه سرور به صورت سرویس ویندوز نصب می‌شود و با روشن شدن ویندوز اجرا می‌شود. تنظیمات آن در پوشهٔ ProgramData\Hamgam است."
LangString hamgamServiceText 1033 "If the online store reaches Mahak through this computer, the Hamgam server must always run. This option installs it as a Windows service that starts with Windows. Its settings are in ProgramData\Hamgam."
LangString hamgamServiceCheckbox 1065 "سرور همگام را به صورت سرویس ویندوز هم نصب کن"
LangString hamgamServiceCheckbox 1033 "Also install the headless server as a Windows service"
LangString hamgamServiceFailed 1065 "نصب سرویس همگام ناموفق بود. گزارش در پوشهٔ ProgramData\Hamgam\logs است."
LangString hamgamServiceFailed 1033 "Installing the Hamgam service failed. See ProgramData\Hamgam\logs."

!ifndef BUILD_UNINSTALLER
  Var HamgamServiceCheckbox
  Var HamgamInstallService

  !macro customPageAfterChangeDir
    Page custom HamgamServicePage HamgamServicePageLeave
  !macroend

  Function HamgamServicePage
    ${If} ${Silent}
      Abort
    ${EndIf}
    !insertmacro MUI_HEADER_TEXT "$(hamgamServiceTitle)" "$(hamgamServiceSubtitle)"
    nsDialogs::Create 1018
    Pop $0
    ${NSD_CreateLabel} 0 0 100% 60u "$(hamgamServiceText)"
    Pop $0
    ${NSD_CreateCheckbox} 0 70u 100% 14u "$(hamgamServiceCheckbox)"
    Pop $HamgamServiceCheckbox
    ${If} $HamgamInstallService == "1"
      ${NSD_Check} $HamgamServiceCheckbox
    ${EndIf}
    nsDialogs::Show
  FunctionEnd

  Function HamgamServicePageLeave
    ${NSD_GetState} $HamgamServiceCheckbox $0
    ${If} $0 == ${BST_CHECKED}
      StrCpy $HamgamInstallService "1"
    ${Else}
      StrCpy $HamgamInstallService "0"
    ${EndIf}
  FunctionEnd

  ; A silent install asks with /SERVICE on the command line.
  !macro customInit
    StrCpy $HamgamInstallService "0"
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/SERVICE" $R1
    ${IfNot} ${Errors}
      StrCpy $HamgamInstallService "1"
    ${EndIf}
  !macroend

  ; Chosen now: install (or update) the service. Not chosen: an update still restarts a service an
  ; earlier install added (-OnlyIfInstalled does nothing when there is none).
  !macro customInstall
    ${If} $HamgamInstallService == "1"
      nsExec::ExecToLog '${HAMGAM_POWERSHELL} ${HAMGAM_SERVICE_SCRIPT} -Yes'
    ${Else}
      nsExec::ExecToLog '${HAMGAM_POWERSHELL} ${HAMGAM_SERVICE_SCRIPT} -Yes -OnlyIfInstalled'
    ${EndIf}
    Pop $0
    ${If} $0 != "0"
      MessageBox MB_ICONEXCLAMATION|MB_OK "$(hamgamServiceFailed)" /SD IDOK
    ${EndIf}
  !macroend
!else
  ; An update runs the old uninstaller first: the service only stops (its files are about to be
  ; replaced) and the new installer starts it again. A real uninstall removes it; data stays.
  !macro customUnInstall
    ${If} ${isUpdated}
      nsExec::ExecToLog '${HAMGAM_POWERSHELL} ${HAMGAM_SERVICE_SCRIPT} -Stop'
    ${Else}
      nsExec::ExecToLog '${HAMGAM_POWERSHELL} ${HAMGAM_SERVICE_SCRIPT} -Uninstall'
    ${EndIf}
    Pop $0
  !macroend
!endif
