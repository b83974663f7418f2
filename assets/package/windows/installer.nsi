; The Windows installer of Wandzeitung: the one definition of what installing
; does, built by makensis on Debian (scripts/windows-package.sh) and on
; Windows (scripts/package.ps1) alike.
;
; By default it installs for the current user, without administrator rights,
; into %LOCALAPPDATA%\Programs\Wandzeitung: municipal laptops often give
; their users none. `/ALLUSERS` (for IT departments that deploy software,
; run elevated) installs into Program Files for everyone and allows the app
; through Windows' firewall on private networks (firewall.nsh).
;
; The workshops are never the installer's: they live in the user's data
; folder (%LOCALAPPDATA%\Wandzeitung), and uninstalling leaves them there.
;
;   cd <folder with the files> && makensis -NOCD -DVERSION=0.1.0 \
;            -DOUTFILE=<setup.exe> -DICON=<icon.ico> <this file>
;
; Silent: `Wandzeitung-<version>-setup.exe /S [/ALLUSERS] [/D=<folder>]`.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION | OUTFILE | ICON
  !error "VERSION, OUTFILE and ICON are defined on makensis' command line"
!endif

!define PRODUCT "Wandzeitung"
!define EXE "Wandzeitung.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Wandzeitung"
!define WEBVIEW2_KEY "SOFTWARE\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh
!include "${__FILEDIR__}/firewall.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} Setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "Wandzeitung developers"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_WINDOWTITLE "Wandzeitung"
!define MUI_LANGDLL_INFO "Sprache der Installation / Language of the installer"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; German first: the language offered first and taken in silent installs.
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "English"

LangString NeedAdmin ${LANG_GERMAN} "Die Installation für alle Benutzer (/ALLUSERS) braucht Administratorrechte. Ohne /ALLUSERS installiert Wandzeitung nur für Sie, ohne Administratorrechte."
LangString NeedAdmin ${LANG_ENGLISH} "Installing for all users (/ALLUSERS) needs administrator rights. Without /ALLUSERS, Wandzeitung installs for you alone, without administrator rights."
LangString NoWebView2 ${LANG_GERMAN} "Auf diesem Computer fehlt die „Microsoft Edge WebView2 Runtime“, mit der Wandzeitung sein Fenster zeigt. Bitten Sie Ihre IT-Abteilung, sie zu installieren (sie ist kostenlos). Wandzeitung wird trotzdem installiert."
LangString NoWebView2 ${LANG_ENGLISH} "This computer lacks the “Microsoft Edge WebView2 Runtime” that Wandzeitung shows its window with. Ask your IT department to install it (it is free). Wandzeitung is installed all the same."
LangString KeptData ${LANG_GERMAN} "Ihre Workshops bleiben erhalten (in %LOCALAPPDATA%\Wandzeitung)."
LangString KeptData ${LANG_ENGLISH} "Your workshops are kept (in %LOCALAPPDATA%\Wandzeitung)."

Var AllUsers

!macro Context
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

!macro RequireAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_OK|MB_ICONSTOP "$(NeedAdmin)" /SD IDOK
    SetErrorLevel 740
    Quit
  ${EndIf}
!macroend

!macro UninstallEntry ROOT
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "Publisher" "Wandzeitung developers"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "NoRepair" 1
  ; The section's size in KB, known when the installer was built.
  SectionGetSize 0 $0
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "EstimatedSize" $0
!macroend

Function .onInit
  SetRegView 64
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    !insertmacro RequireAdmin
    StrCpy $AllUsers 1
    ; /D= wins; otherwise Program Files instead of the user's folder.
    ${If} $INSTDIR == "$LOCALAPPDATA\Programs\${PRODUCT}"
      StrCpy $INSTDIR "$PROGRAMFILES64\${PRODUCT}"
    ${EndIf}
  ${EndIf}
  !insertmacro Context
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Wandzeitung"
  SetOutPath "$INSTDIR"
  File "${EXE}"
  File "wz.exe"
  File "WebView2Loader.dll"
  File "Lies mich.txt"
  File "LICENSE.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}"

  ${If} $AllUsers == 1
    WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    !insertmacro UninstallEntry HKLM
    !insertmacro FirewallAllow "$INSTDIR\${EXE}"
  ${Else}
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    !insertmacro UninstallEntry HKCU
  ${EndIf}

  ; The runtime registers for the machine or, installed by a user, for them.
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(NoWebView2)" /SD IDOK
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  ; Installed for all users when the machine's entry names this folder.
  StrCpy $AllUsers 0
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
    !insertmacro RequireAdmin
    StrCpy $AllUsers 1
  ${EndIf}
  !insertmacro Context
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\wz.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\Lies mich.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: whatever else a user put into the folder stays, and so does the
  ; folder then.
  RMDir "$INSTDIR"
  ${If} $AllUsers == 1
    !insertmacro FirewallRemove
    DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ${Else}
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ${EndIf}
  DetailPrint "$(KeptData)"
SectionEnd
