<#ftl output_format="plainText">
<#import "kse-layout.ftl" as layout>
<@layout.notification><@layout.notMe/></@layout.notification>
