<#import "kse-layout.ftl" as layout>
<@layout.notification/>
