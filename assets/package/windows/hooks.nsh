; Installer steps of our own, hooked into Tauri's NSIS installer
; (bundle.windows.nsis.installerHooks in tauri.conf.json).
;
; The phones reach the laptop's participant server over the room's network.
; Windows' firewall would ask on the app's first listen, often in front of a
; room and behind the projected window; the per-machine installer runs as
; administrator and allows the app once, on private networks only (a
; hotspot or the workshop's Wi-Fi set to "private"), never on public ones.

!macro NSIS_HOOK_POSTINSTALL
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Wandzeitung (Handys im Workshop)"'
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="Wandzeitung (Handys im Workshop)" dir=in action=allow program="$INSTDIR\${MAINBINARYNAME}.exe" enable=yes profile=private protocol=TCP'
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Wandzeitung (Handys im Workshop)"'
!macroend
