/**
 * Passwords that lead every breached-password list (SecLists' "Top 10k", HaveIBeenPwned's most seen),
 * at least 8 characters long (shorter ones fail the length rule anyway). Compared in lower case.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
12345678 123456789 1234567890 12345678910 123123123 1234512345 123412341234 11111111 111111111 1111111111
00000000 000000000 0000000000 88888888 87654321 987654321 0987654321 11223344 12341234 12121212 13131313
11112222 22222222 66666666 55555555 99999999 12344321 123454321 147258369 147852369 159753456 741852963
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa$$word pa55word
password! password01 mypassword thepassword newpassword letmein1 letmein123 letmeinnow changeme
changeme1 changeme123 default1 secret123 supersecret topsecret privatepass qwertyuiop qwerty123
qwerty1234 qwertyui qwerty12 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y zaq12wsx zaq1zaq1 qazwsxedc
1qazxsw2 asdfghjkl asdfasdf asdf1234 zxcvbnm1 zxcvbnm123 azertyuiop qwertzuiop abcd1234 abc12345
abcdefgh abcdefg1 abcdefghi 12qwaszx q1w2e3r4 q1w2e3r4t5 a1b2c3d4 aa123456 iloveyou iloveyou1
iloveyou2 sunshine sunshine1 princess princess1 football football1 baseball baseball1 basketball
welcome1 welcome123 welcome2 welcometo monkey123 dragon123 master123 shadow123 superman batman123
starwars starwars1 trustno1 whatever whatever1 freedom1 jennifer michelle jessica1 charlie1
computer internet 123abc123 admin123 administrator admin1234 adminadmin rootroot root1234 toor1234
test1234 testtest testing123 guest1234 user1234 login123 access14 access123 security security1
mustang1 michael1 liverpool chelsea1 arsenal1 manchester barcelona pokemon1 naruto123 spiderman
blink182 fuckyou1 fuckyou123 hello123 helloworld hello1234 loveyou1 lovelove ashley123 butterfly
chocolate cookie123 samsung1 samsung123 google123 facebook linkedin1 microsoft windows1 apple123
summer2024 summer2025 summer2026 winter2024 winter2025 winter2026 spring2025 spring2026 autumn2025
january1 december1 september 123qweasd 1qaz2wsx3edc qweasdzxc q1w2e3r4t5y6 1234qwer qwer1234
aaaaaaaa aaaaaaaaa zzzzzzzz xxxxxxxx asdasdasd qweqweqwe zxczxczxc 1234abcd 12345qwert 12345abc
burnrate burnrate1 burnrate123 burnrate-demo correcthorsebatterystaple
`
    .split(/\s+/)
    .filter(Boolean),
);
